package io.github.softdelete.it.fuzz;

import java.util.Set;

import org.jooq.Query;

/**
 * One generated UPDATE or DELETE. Not thread-safe: the statement is a jOOQ query object, which executing
 * attaches.
 *
 * @param index     its number in the run
 * @param seed      the seed it was generated from; {@link QueryGenerator#statement(int, long)} makes it again
 * @param statement the statement, built without any context
 * @param shapes    the shapes it has
 */
public record StatementCase(int index, long seed, Query statement, Set<Shape> shapes) {
}
