package io.github.softdelete.internal.purge;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import io.github.softdelete.internal.sql.MarkerPredicates;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.Relation;

/**
 * The conditions a purge's statements are made of: which rows are due, and which are kept by a
 * referencing row that stays.
 *
 * <p>Two readings of "a referencing row that stays":
 * <ul>
 *   <li>In a run, children are purged before their parents, so every referencing row still there
 *       stays, and any such row keeps the candidate: {@code NOT EXISTS (SELECT 1 FROM child WHERE fk = key)}.
 *       That also keeps a row whose child appeared since, and it needs nothing but the foreign key's index.</li>
 *   <li>In a forecast (dry run) nothing has been purged, so a referencing row of this purge's tables
 *       stays only if it would itself stay: due and not kept, recursively down the tree. A
 *       self-reference is followed with a recursive query over the rows that stay.</li>
 * </ul>
 *
 * <p>Every table is written by its qualified name and every subquery gets a fresh alias, so a
 * self-reference never captures the outer row. One instance builds the conditions of one statement.
 */
final class PurgeConditions {

    private final PurgePlan plan;
    private final OffsetDateTime cutoff;
    private int aliases;

    PurgeConditions(PurgePlan plan, OffsetDateTime cutoff) {
        this.plan = plan;
        this.cutoff = cutoff;
    }

    /**
     * The deletion time (the timestamp marker, or the timestamp of a flag-and-timestamp marker), read as
     * a timestamp with time zone. PostgreSQL compares a {@code timestamp} column with it in the session's
     * time zone, the zone in which {@code statement_timestamp()} was stored.
     */
    Field<OffsetDateTime> marker(PurgeTarget target, Name qualifier) {
        return DSL.field(qualifier.append(target.table().stamp().getName()), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    /** Deleted before the cutoff: with a flag, the flag says deleted too (a restore clears both). */
    Condition due(PurgeTarget target, Name qualifier) {
        Field<OffsetDateTime> marker = marker(target, qualifier);
        Condition due = marker.isNotNull().and(marker.lt(cutoff()));
        return target.table().isFlag() ? due.and(MarkerPredicates.deleted(target.table(), flag(target, qualifier))) : due;
    }

    /** Live, or deleted at or after the cutoff. */
    Condition notDue(PurgeTarget target, Name qualifier) {
        Field<OffsetDateTime> marker = marker(target, qualifier);
        Condition notDue = marker.isNull().or(marker.ge(cutoff()));
        return target.table().isFlag() ? notDue.or(MarkerPredicates.live(target.table(), flag(target, qualifier))) : notDue;
    }

    // The cutoff as a statement compares a marker with it. PostgreSQL: a timestamp with time zone, which it compares
    // with a timestamp column in the session's zone. MariaDB has no such type (jOOQ inlines one as TIMESTAMP WITH TIME
    // ZONE '...', which it refuses: Settings.statementType STATIC_STATEMENT) and stamps markers with NOW(6), the
    // session's local time: the cutoff goes in as UTC, and the server converts it to the session's zone, so that
    // neither the driver's time zone settings (connectionTimeZone, preserveInstants) nor inlining change it.
    private Field<OffsetDateTime> cutoff() {
        if (plan.engine() != Engine.MARIADB)
            return DSL.val(cutoff, SQLDataType.TIMESTAMPWITHTIMEZONE);
        LocalDateTime utc = cutoff.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return DSL.field("convert_tz({0}, '+00:00', @@session.time_zone)", SQLDataType.TIMESTAMPWITHTIMEZONE,
            DSL.val(utc, SQLDataType.LOCALDATETIME));
    }

    // The flag as the statement names it; MarkerPredicates reads its nullability from the policy's marker (a
    // nullable flag's NULL means live, as everywhere in the library).
    private static Field<Boolean> flag(PurgeTarget target, Name qualifier) {
        return DSL.field(qualifier.append(target.table().markerName()), SQLDataType.BOOLEAN);
    }

    /**
     * No referencing row exists through any key that keeps rows (a run's reading), for the rows of a
     * batch whose keys lie in {@code (previous, last]}.
     *
     * <p>Written as {@code NOT EXISTS ... AND NOT EXISTS ...}, not {@code NOT (EXISTS ... OR EXISTS ...)}:
     * PostgreSQL turns each {@code NOT EXISTS} of a conjunction into an anti-join. Where a key references
     * the primary key, the subquery also bounds the referencing column to the batch's key range, which
     * changes nothing (a reference equals a key of the batch) but lets the planner read only the batch's
     * children from the foreign key's index: without the bound it may hash the whole child table (a
     * self-reference, whose column is mostly NULL, looks cheap to hash), once per batch, which makes each
     * batch cost as much as the table is large.
     */
    Condition notReferenced(PurgeTarget target, Name qualifier, List<Object> previous, List<Object> last) {
        List<Condition> none = new ArrayList<>();
        for (Relation relation : target.allBlocking())
            none.add(DSL.not(referencedThrough(relation, qualifier, false, target, previous, last)));
        return DSL.and(none);
    }

    /**
     * {@code EXISTS} a row that references {@code qualifier}'s row through {@code relation} and stays:
     * any such row in a run, one that would stay in a forecast.
     */
    Condition referencedThrough(Relation relation, Name qualifier, boolean forecast) {
        return referencedThrough(relation, qualifier, forecast, null, null, null);
    }

    private Condition referencedThrough(Relation relation, Name qualifier, boolean forecast, PurgeTarget target,
                                        List<Object> previous, List<Object> last) {
        String alias = alias("ref");
        Name child = DSL.name(alias);
        List<Field<?>> childColumns = Columns.on(child, relation.childColumns());
        Condition references = Columns.equal(childColumns, Columns.on(qualifier, relation.parentColumns()));
        if (target != null && referencesKey(relation, target)) {
            references = references.and(Columns.compare(childColumns, last, target.keyTypes().get(0), false));
            if (previous != null)
                references = references.and(Columns.compare(childColumns, previous, target.keyTypes().get(0), true));
        }
        PurgeTarget childTarget = forecast ? plan.target(relation.child()) : null;
        Condition stays = childTarget == null ? DSL.noCondition() : mustStay(childTarget, child);
        return Qom.exists(DSL.selectOne().from(DSL.table(relation.child().getQualifiedName()).as(alias))
            .where(references.and(stays)));
    }

    private static boolean referencesKey(Relation relation, PurgeTarget target) {
        return target.key().size() == 1 && relation.parentColumns().size() == 1
            && relation.parentColumns().get(0).getName().equals(target.key().get(0));
    }

    /** In a forecast: the row stays, because it is not due or because a row that stays references it. */
    Condition mustStay(PurgeTarget target, Name qualifier) {
        if (target.self().isEmpty())
            return mustStayApartFromItself(target, qualifier);
        return Columns.in(target.keyOn(qualifier), staying(target));
    }

    private Condition mustStayApartFromItself(PurgeTarget target, Name qualifier) {
        List<Condition> reasons = new ArrayList<>();
        reasons.add(notDue(target, qualifier));
        for (Relation relation : target.blocking())
            reasons.add(referencedThrough(relation, qualifier, true));
        return DSL.or(reasons);
    }

    // The keys of the rows of a self-referencing table that stay: those that stay for reasons outside
    // the table, then, step by step, every row that one of them references. UNION, not UNION ALL, so
    // that a cycle of rows ends the recursion.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Select<? extends Record> staying(PurgeTarget target) {
        Name set = DSL.name(alias("stays"));
        Name row = DSL.name(alias("row"));
        Name seed = DSL.name(alias("seed"));
        Field<?> setKey = DSL.field(set.append("k"), target.keyTypes().get(0));
        Select<Record> rows = DSL.select(target.keyOn(seed)).from(target.reference(seed.last()))
            .where(mustStayApartFromItself(target, seed));
        for (Relation self : target.self()) {
            Name referenced = DSL.name(alias("up"));
            rows = rows.union(DSL.select(target.keyOn(referenced)).from(target.reference(referenced.last()))
                .join(target.reference(row.last()))
                .on(Columns.equal(Columns.on(referenced, self.parentColumns()), Columns.on(row, self.childColumns())))
                .join(DSL.table(set)).on(Columns.equal(target.keyOn(row), List.of(setKey))));
        }
        return DSL.withRecursive(set.fields("k").as((Select) rows)).select(setKey).from(DSL.table(set));
    }

    private String alias(String kind) {
        return "softdelete_" + kind + "_" + (++aliases);
    }
}
