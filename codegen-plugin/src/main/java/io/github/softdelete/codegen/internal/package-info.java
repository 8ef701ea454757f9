/**
 * The parts of the softdelete code generator: its settings, the PostgreSQL and MariaDB catalog readers, the schema
 * lint's rules and the writer of the generated policy class.
 *
 * <p><b>Internal:</b> everything in this package may change at any time, in any release, without
 * notice. It is not supported for use outside the library, even where a type is public.
 */
package io.github.softdelete.codegen.internal;
