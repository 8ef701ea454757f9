/**
 * The rewrite rules behind {@link io.github.softdelete.SoftDelete}.
 *
 * <p><b>Internal:</b> everything in this package may change at any time, in any release, without
 * notice. It is not supported for use outside the library, even where a type is public.
 */
package io.github.softdelete.internal;
