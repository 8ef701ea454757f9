package io.github.softdelete.internal.view;

import java.util.ArrayList;
import java.util.List;

import org.jooq.AggregateFunction;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.QualifiedAsterisk;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

/**
 * What a parsed view definition holds beyond its top-level clauses: the tables it reads anywhere (in CTEs,
 * subqueries, set-operation branches), whether it is a set operation, and whether its own SELECT list
 * aggregates or uses window functions.
 *
 * <p>Why by rendering: jOOQ 3.19's open-source edition has no traversal of a query's model ({@code $traverse}
 * is commercial: the OSS {@code QueryPart.java} of 3.19 has none, though {@code QOM}'s javadoc links to it), and
 * its model has no accessor for a SELECT's set operations. Rendering visits every part, with
 * the stack of parts around it ({@code VisitContext.queryParts()}): a named table is read unless it only
 * qualifies a column or an asterisk ({@code c.id}, {@code c.*}), as in FROM lists, joins and aliases, at any
 * depth; a SELECT whose parent is the definition itself is a branch of a set operation
 * (a subquery has a part of its own around it: a scalar subquery, EXISTS, IN, a derived table, a CTE); an
 * aggregate or window function with no SELECT between it and the definition belongs to the definition's own
 * SELECT list. The render runs once per view, when the policy is built.
 */
final class ViewStructure {

    private final List<Table<?>> tablesRead = new ArrayList<>();
    private boolean setOperation;
    private boolean aggregates;
    private boolean windows;

    private ViewStructure() {
    }

    /** The structure of {@code definition}, a SELECT parsed by jOOQ's parser. */
    static ViewStructure of(Select<?> definition) {
        ViewStructure structure = new ViewStructure();
        // Rendered as PostgreSQL whatever dialect the definition was parsed in (a MariaDB view's too): the parsed
        // model does not depend on the render, and PostgreSQL renders nearly every form as it is, where another
        // dialect's emulation could add parts of its own for the collector to meet.
        Configuration collecting = new DefaultConfiguration().set(SQLDialect.POSTGRES)
            .set(new DefaultVisitListenerProvider(structure.new Collector()));
        DSL.using(collecting).render(definition);
        return structure;
    }

    /** The tables in FROM clauses anywhere in the definition, aliases unwrapped, in the order met (with repeats). */
    List<Table<?>> tablesRead() {
        return tablesRead;
    }

    /** Whether the definition is a UNION, INTERSECT or EXCEPT. */
    boolean setOperation() {
        return setOperation;
    }

    /** Whether the definition's own SELECT list (or HAVING, ORDER BY) calls an aggregate function. */
    boolean aggregates() {
        return aggregates;
    }

    /** Whether the definition's own SELECT list calls a window function. */
    boolean windows() {
        return windows;
    }

    @SuppressWarnings("rawtypes") // QOM.WindowFunction: see windowed
    private final class Collector implements VisitListener {

        @Override
        public void visitStart(VisitContext context) {
            QueryPart part = context.queryPart();
            QueryPart[] stack = context.queryParts();
            QueryPart parent = stack.length >= 2 ? stack[stack.length - 2] : null;
            if (part instanceof Select<?> && parent instanceof Select<?> && stack.length == 2)
                setOperation = true;
            else if (part instanceof TableImpl<?> table && !(parent instanceof Field<?>) && !(parent instanceof QualifiedAsterisk))
                tablesRead.add(table);
            else if ((part instanceof QOM.WindowFunction || part instanceof AggregateFunction<?>) && ownSelect(stack)) {
                if (part instanceof AggregateFunction<?> && !windowed(part))
                    aggregates = true;
                else
                    windows = true;
            }
        }

        // jOOQ's aggregate functions are window functions too; one is windowed when it has an OVER clause. Raw:
        // QOM.WindowFunction has one type parameter in jOOQ 3.19 and two in 3.21.
        @SuppressWarnings("rawtypes")
        private static boolean windowed(QueryPart part) {
            return part instanceof QOM.WindowFunction function
                && (function.$windowSpecification() != null || function.$windowDefinition() != null);
        }

        // No SELECT between the part and the definition: the definition's own clauses.
        private static boolean ownSelect(QueryPart[] stack) {
            for (int i = 1; i < stack.length - 1; i++)
                if (stack[i] instanceof Select<?>)
                    return false;
            return true;
        }
    }
}
