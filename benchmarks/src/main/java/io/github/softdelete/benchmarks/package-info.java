/**
 * JMH benchmarks of what soft delete costs: rendering next to plain jOOQ (B1), reads end to end on
 * PostgreSQL next to hand-written predicates (B2), a cascade delete next to hand-rolled application
 * code (B3), and reads over tables full of deleted rows (B4).
 *
 * <p>Run them all from the repository root with
 * {@code mvn -q -pl benchmarks -am package -DskipTests -Pbenchmarks}; the entry point is
 * {@link io.github.softdelete.benchmarks.Benchmarks}, and {@code BENCHMARKS.md} sums the figures up (docs/benchmark-figures.md has them all, docs/benchmark-notes.md the investigations).
 * Not published.
 */
package io.github.softdelete.benchmarks;
