/**
 * jOOQ code generator extension for softdelete: {@link io.github.softdelete.codegen.SoftDeleteJavaGenerator},
 * and its schema lint for a live database, {@link io.github.softdelete.codegen.SchemaLint}.
 *
 * <p>It makes generated tables with a marker column implement
 * {@link io.github.softdelete.SoftDeletableTable}, writes a soft-delete policy class per schema with
 * the ON DELETE rules of its foreign keys, and lints the schema for soft-delete traps at generation time.
 */
package io.github.softdelete.codegen;
