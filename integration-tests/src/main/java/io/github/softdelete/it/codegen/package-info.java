/**
 * Generation of the committed jOOQ classes in {@code io.github.softdelete.it.db} from the
 * reference schema's Flyway migrations.
 */
package io.github.softdelete.it.codegen;
