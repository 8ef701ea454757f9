/**
 * The purge behind {@link io.github.softdelete.Purge}: its plan, its batches and its dry run.
 *
 * <p><b>Internal:</b> everything in this package may change at any time, in any release, without
 * notice. It is not supported for use outside the library, even where a type is public.
 */
package io.github.softdelete.internal.purge;
