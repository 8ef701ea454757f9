/**
 * The policy's facts, built once: its tables and markers, the foreign keys it follows and their rules, the cascade plans and lock order, the views it knows, the context's flags, and the catalog readers that find them.
 *
 * <p><b>Depends on:</b> {@code jooq}; and the public API's value types (Marker, OnDelete, ...). The packages form layers, from {@code jooq} at the bottom through {@code policy},
 * {@code sql}, {@code render}, {@code read}, {@code cascade}, {@code write}, {@code view}, {@code sqltext},
 * {@code install} and {@code purge} to {@code jdbc}; a package depends only on packages below it, never on one
 * above, and the public API sits on top. {@code PackageLayersTest} (ArchUnit) enforces it in the build.
 *
 * <p><b>Internal:</b> everything in this package may change at any time, in any release, without
 * notice. It is not supported for use outside the library, even where a type is public.
 */
package io.github.softdelete.internal.policy;
