/**
 * Differential leak testing: a seeded generator of random queries and statements over the reference
 * schema, a random dataset, and an oracle that runs each query without the listener on a database
 * holding only the rows the listener should let through.
 *
 * <p>Run it from a test ({@code ReadFuzzTest}, {@code StatementFuzzTest}) or from
 * {@link io.github.softdelete.it.fuzz.Fuzz#main(String[])}. {@link io.github.softdelete.it.fuzz.FuzzSettings}
 * says which system properties and environment variables set the count and the seed.
 */
package io.github.softdelete.it.fuzz;
