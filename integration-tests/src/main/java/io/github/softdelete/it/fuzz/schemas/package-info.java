/**
 * Differential testing beyond the reference schema: random schemas of 5 to 12 tables with random
 * marker kinds and column names, unmarked tables, random foreign-key graphs (CASCADE, RESTRICT,
 * NO ACTION, SET NULL, self-references, composite keys), random live and deleted rows at every level,
 * and random reads and statements checked against oracle schemas. Run it from
 * {@code RandomSchemaFuzzTest}, or for long runs from {@link io.github.softdelete.it.fuzz.schemas.RandomSchemaFuzz#main}.
 */
package io.github.softdelete.it.fuzz.schemas;
