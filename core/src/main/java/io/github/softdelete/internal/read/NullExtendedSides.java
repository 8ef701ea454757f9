package io.github.softdelete.internal.read;

import java.util.List;

import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.JoinKind;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.sql.Predicates;
import io.github.softdelete.internal.sql.TableReference;

/**
 * Rule: an outer join without an ON clause (USING, NATURAL, OUTER APPLY) filters its null-extended
 * soft-deletable side before the join, because there is no ON clause to carry the predicate and the
 * WHERE clause would turn the outer join into an inner one.
 *
 * <p>The side {@code T} is replaced by the nested join {@code (T JOIN (SELECT) AS "softdelete_t" ON
 * predicates)}: an inner join with PostgreSQL's one-row, zero-column relation. That keeps everything
 * the join's users rely on:
 * <ul>
 *   <li>the side's columns, in the same order, and no others, so {@code SELECT *}, USING and NATURAL
 *       column merging see exactly what they saw before;</li>
 *   <li>{@code T} itself stays a relation of the statement, under its own name: qualified references
 *       keep working, including jOOQ's default schema-qualified ones ({@code "public"."rental"."id"}),
 *       which a derived table named {@code rental} would break (PostgreSQL matches a schema-qualified
 *       reference only to an unaliased table);</li>
 *   <li>PostgreSQL's planner flattens the nested inner join and removes the empty relation, so the
 *       predicate lands on the side's scan exactly as in the ON form.</li>
 * </ul>
 * A FULL join filters both sides this way. OUTER APPLY over a table (not a lateral subquery, whose
 * own SELECT is filtered on its own) cannot reference its left side, so it is the same as
 * {@code LEFT JOIN T ON TRUE}, and becomes {@code LEFT JOIN T ON predicates}.
 */
public final class NullExtendedSides {

    // Plain SQL: jOOQ renders an empty select list as "select 1", which would add a column (jOOQ's
    // SelectQueryImpl.resolveAsterisk, 3.19: "The default is SELECT 1"). "(select)" names no table, so the
    // strict plain-SQL guard lets it through.
    public static final String EMPTY_ROW = "(select)";

    private NullExtendedSides() {
    }

    /** The copy of {@code join} with its null-extended sides filtered, or null when none is soft-deletable. */
    static Table<?> rewrite(TableRegistry registry, QOM.JoinTable<?, ?> join, ReadMode mode, Engine engine) {
        if (join instanceof QOM.OuterApply<?>) {
            Condition predicate = Predicates.allOf(tablesOf(registry, join.$table2()), mode);
            return predicate == null ? null : join.$table1().leftJoin(join.$table2()).on(predicate);
        }
        JoinKind kind = Qom.kind(join);
        Table<?> left = kind == JoinKind.RIGHT || kind == JoinKind.FULL ? filtered(registry, join.$table1(), mode) : null;
        Table<?> right = kind == JoinKind.LEFT || kind == JoinKind.FULL ? filtered(registry, join.$table2(), mode) : null;
        if (left == null && right == null)
            return null;
        if (engine == Engine.MARIADB)
            throw onMariaDb(registry, join, kind);
        QOM.JoinTable<?, ?> copy = left == null ? join : join.$table1(left);
        return right == null ? copy : copy.$table2(right);
    }

    private static Table<?> filtered(TableRegistry registry, Table<?> side, ReadMode mode) {
        List<TableReference> tables = tablesOf(registry, side);
        Condition predicate = Predicates.allOf(tables, mode);
        if (predicate == null)
            return null;
        String name = "softdelete_" + tables.get(0).reference().getName();
        return side.join(DSL.table(EMPTY_ROW).as(name)).on(predicate);
    }

    // MariaDB has no zero-column relation like PostgreSQL's (SELECT): a one-column one would add a column to SELECT *
    // and to what NATURAL compares, and a derived table in T's place would break references qualified by its schema.
    // So the join is refused rather than rewritten into something that reads differently.
    private static SoftDeleteException onMariaDb(TableRegistry registry, QOM.JoinTable<?, ?> join, JoinKind kind) {
        List<TableReference> tables = new java.util.ArrayList<>(tablesOf(registry, join.$table2()));
        tables.addAll(tablesOf(registry, join.$table1()));
        return new SoftDeleteException("cannot filter the soft-deletable " + tables.get(0).table().quotedName() + " in a "
            + kind.name() + " JOIN without an ON clause (USING or NATURAL) on MariaDB: its deleted rows must be left out before"
            + " the join, and MariaDB has no way to do that which keeps the join's columns as they are. Nothing was executed."
            + " Write the join with ON (LEFT JOIN t ON t.id = s.id), where the library filters it");
    }

    // The side's tables that its own joins leave to an enclosing clause: the ones to filter here.
    private static List<TableReference> tablesOf(TableRegistry registry, Table<?> side) {
        return PreservedTables.leftToWhere(registry, List.of(side));
    }
}
