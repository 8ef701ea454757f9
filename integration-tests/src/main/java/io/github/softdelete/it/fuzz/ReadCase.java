package io.github.softdelete.it.fuzz;

import java.util.Set;

import org.jooq.Select;

/**
 * One generated read. Not thread-safe: the query is a jOOQ query object, which executing attaches.
 *
 * @param index   its number in the run
 * @param seed    the seed it was generated from; {@link QueryGenerator#read(int, long)} makes it again
 * @param mode    which rows it asks for
 * @param query   the query, built without any context
 * @param ordered whether its ORDER BY fixes the order of all its rows, so that order is compared too
 * @param shapes  the shapes it has
 */
public record ReadCase(int index, long seed, Mode mode, Select<?> query, boolean ordered, Set<Shape> shapes) {
}
