package io.github.softdelete.internal.install;

import org.jooq.DeleteQuery;
import org.jooq.InsertQuery;
import org.jooq.Merge;
import org.jooq.SQL;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.UpdateQuery;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.render.HoledStatement;

/**
 * What kind of query part the listener is visiting, decided once per class.
 *
 * <p>Why not a chain of {@code instanceof}: the listener runs for every node of every query, and
 * jOOQ's classes implement dozens of interfaces. On JDK 17 a type check against an interface that
 * misses HotSpot's one-entry cache scans the class's whole interface list, and a chain of checks
 * against different interfaces keeps missing it. A {@link ClassValue} answers in one lookup.
 */
public enum PartKind {
    SELECT, JOIN, UNFILTERED_TABLE, TABLE, DELETE, UPDATE, INSERT, MERGE, TRUNCATE, PLAIN_SQL, HOLED_STATEMENT, OTHER;

    private static final ClassValue<PartKind> BY_CLASS = new ClassValue<>() {
        @Override
        protected PartKind computeValue(Class<?> type) {
            return of(type);
        }
    };

    /** Whether a part of this kind is a statement, or a part of one that the rules rewrite alone (plain SQL, a SELECT). */
    boolean isStatement() {
        return this == SELECT || this == DELETE || this == UPDATE || this == INSERT || this == MERGE || this == TRUNCATE || this == PLAIN_SQL;
    }

    static PartKind of(Object part) {
        return BY_CLASS.get(part.getClass());
    }

    private static PartKind of(Class<?> type) {
        if (SelectQuery.class.isAssignableFrom(type))
            return SELECT;
        if (QOM.JoinTable.class.isAssignableFrom(type))
            return JOIN;
        if (UnfilteredTable.class.isAssignableFrom(type))
            return UNFILTERED_TABLE;
        if (Table.class.isAssignableFrom(type))
            return TABLE;
        if (DeleteQuery.class.isAssignableFrom(type))
            return DELETE;
        if (UpdateQuery.class.isAssignableFrom(type))
            return UPDATE;
        if (InsertQuery.class.isAssignableFrom(type))
            return INSERT;
        if (Merge.class.isAssignableFrom(type))
            return MERGE;
        if (QOM.Truncate.class.isAssignableFrom(type))
            return TRUNCATE;
        if (SQL.class.isAssignableFrom(type))
            return PLAIN_SQL;
        if (type == HoledStatement.class)
            return HOLED_STATEMENT;
        return OTHER;
    }
}
