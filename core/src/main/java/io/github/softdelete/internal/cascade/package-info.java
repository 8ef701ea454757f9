/**
 * Cascading soft deletes and exact restores: one statement per cascade, the settlement of children committed late at READ COMMITTED, restoreWithParents.
 *
 * <p><b>Depends on:</b> {@code render}, {@code sql}, {@code policy}, {@code jooq}. The packages form layers, from {@code jooq} at the bottom through {@code policy},
 * {@code sql}, {@code render}, {@code read}, {@code cascade}, {@code write}, {@code view}, {@code sqltext},
 * {@code install} and {@code purge} to {@code jdbc}; a package depends only on packages below it, never on one
 * above, and the public API sits on top. {@code PackageLayersTest} (ArchUnit) enforces it in the build.
 *
 * <p><b>Internal:</b> everything in this package may change at any time, in any release, without
 * notice. It is not supported for use outside the library, even where a type is public.
 */
package io.github.softdelete.internal.cascade;
