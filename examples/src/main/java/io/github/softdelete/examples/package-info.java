/**
 * A runnable demo of soft deletes: a small social app (users, posts, comments, likes) told as a story
 * of eight steps, each printing the jOOQ code, the SQL that jOOQ sent after the soft-delete rewrite,
 * and the result.
 *
 * <p>Run it from the repository root with {@code mvn -q -pl examples -am compile exec:java}; the
 * entry point is {@link io.github.softdelete.examples.Demo}. Not published.
 */
package io.github.softdelete.examples;
