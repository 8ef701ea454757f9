package io.github.softdelete.it.fuzz;

import java.util.Set;

import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Table;

/**
 * One generated UPDATE or DELETE. Not thread-safe: the statement is a jOOQ query object, which executing
 * attaches.
 *
 * @param index     its number in the run
 * @param seed      the seed it was generated from; {@link QueryGenerator#statement(int, long)} makes it again
 * @param statement the statement, built without any context
 * @param shapes    the shapes it has
 * @param target    the base table it writes, unaliased
 * @param matched   for a DELETE from a soft-deletable table, the SELECT of the primary keys of the rows its condition
 *                  matches (its WITH, its USING and its WHERE), which the MariaDB oracle counts and deletes by; else null
 */
public record StatementCase(int index, long seed, Query statement, Set<Shape> shapes, Table<?> target, Select<?> matched) {
}
