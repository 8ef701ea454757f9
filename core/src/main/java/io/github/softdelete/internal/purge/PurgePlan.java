package io.github.softdelete.internal.purge;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;

import io.github.softdelete.OnDelete;
import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.Relation;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * The tables of a purge in the order they are purged, children before parents, checked before
 * anything is written.
 *
 * <p>Children come first so that a parent's candidates are judged against the rows its children
 * keep, not against the rows about to go. Only the keys that can keep a row (CASCADE, RESTRICT, NO
 * ACTION) order the tables; a self-reference does not, it is handled by repeating the table's pass.
 *
 * @param targets the tables, in purge order
 * @param engine  the database the purge runs on
 */
record PurgePlan(List<PurgeTarget> targets, Engine engine) {

    private static final Set<Class<?>> TIME_TYPES = Set.of(OffsetDateTime.class, LocalDateTime.class,
        java.sql.Timestamp.class, Instant.class, ZonedDateTime.class);

    static PurgePlan of(DSLContext plain, TableRegistry registry, List<PolicyTable> tables) {
        UndeclaredKeys.refuseAny(plain, registry, tables);
        List<PurgeTarget> targets = new ArrayList<>();
        for (PolicyTable table : tables) {
            requireTimeMarker(table);
            targets.add(target(plain, registry, table));
        }
        return new PurgePlan(order(targets), Engine.of(plain.configuration()));
    }

    /** The target for a soft-deletable table of this purge, or null when the purge leaves it alone. */
    PurgeTarget target(org.jooq.Table<?> table) {
        for (PurgeTarget target : targets)
            if (target.table().table().equals(table))
                return target;
        return null;
    }

    // A flag alone says that a row is deleted, not when; a purge goes by the age of the deletion.
    private static void requireTimeMarker(PolicyTable table) {
        if (table.stamp() == null)
            throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": its marker, the flag \""
                + table.markerName() + "\", records that a row was deleted, not when, and a purge removes rows by the age"
                + " of their deletion; leave the table out with Purge.tables(...), or add a timestamp column and declare"
                + " Marker.flagAndTimestamp(flag, timestamp)");
        if (!TIME_TYPES.contains(table.stamp().getType()))
            throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": its timestamp marker \""
                + table.stamp().getName() + "\" has the type " + table.stamp().getType().getSimpleName()
                + ", not a timestamp; leave the table out with Purge.tables(...)");
    }

    private static PurgeTarget target(DSLContext plain, TableRegistry registry, PolicyTable table) {
        PrimaryKey key = PrimaryKey.of(plain, table);
        List<Relation> blocking = new ArrayList<>();
        List<Relation> self = new ArrayList<>();
        List<Relation> cascaded = new ArrayList<>();
        List<Relation> setNull = new ArrayList<>();
        for (Relation relation : registry.relations()) {
            if (!relation.parent().equals(table))
                continue;
            boolean marked = softDeletable(registry, relation.child());
            if (relation.rule() == OnDelete.SET_NULL || relation.rule() == OnDelete.SET_DEFAULT)
                setNull.add(relation);
            else if (relation.child().equals(table.table()))
                self.add(requireSingleColumn(relation, table));
            else if (!marked && relation.rule() == OnDelete.CASCADE)
                cascaded.add(relation);
            else
                blocking.add(relation);
        }
        if (!self.isEmpty() && key.columns().size() != 1)
            throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": it references itself, and"
                + " the purge follows self-references in tables with a one-column primary key only; leave the"
                + " table out with Purge.tables(...)");
        return new PurgeTarget(table, key.columns(), key.types(), blocking, self, cascaded, setNull);
    }

    private static Relation requireSingleColumn(Relation relation, PolicyTable table) {
        if (relation.childColumns().size() != 1)
            throw new IllegalArgumentException("cannot purge " + table.quotedName() + ": its self-reference "
                + relation.name() + " has " + relation.childColumns().size() + " columns, and the purge follows"
                + " self-references of one column only; leave the table out with Purge.tables(...)");
        return relation;
    }

    static boolean softDeletable(TableRegistry registry, org.jooq.Table<?> table) {
        for (PolicyTable entry : registry.tables())
            if (entry.table().equals(table))
                return true;
        return false;
    }

    // Kahn's algorithm: place a table once every child of this purge that can keep its rows is placed.
    private static List<PurgeTarget> order(List<PurgeTarget> targets) {
        List<PurgeTarget> ordered = new ArrayList<>();
        Set<PolicyTable> placed = new LinkedHashSet<>();
        while (ordered.size() < targets.size()) {
            PurgeTarget next = null;
            for (PurgeTarget target : targets)
                if (next == null && !placed.contains(target.table()) && childrenPlaced(target, targets, placed))
                    next = target;
            if (next == null)
                throw new IllegalArgumentException("cannot purge: the foreign keys between " + unplaced(targets, placed)
                    + " form a cycle through more than one table, so no table can go first; purge those tables"
                    + " one at a time with Purge.tables(...), or break the cycle with an ON DELETE SET NULL key");
            placed.add(next.table());
            ordered.add(next);
        }
        return List.copyOf(ordered);
    }

    private static boolean childrenPlaced(PurgeTarget target, List<PurgeTarget> targets, Set<PolicyTable> placed) {
        for (Relation relation : target.blocking())
            for (PurgeTarget child : targets)
                if (child.table().table().equals(relation.child()) && !placed.contains(child.table()))
                    return false;
        return true;
    }

    private static String unplaced(List<PurgeTarget> targets, Set<PolicyTable> placed) {
        List<String> names = new ArrayList<>();
        for (PurgeTarget target : targets)
            if (!placed.contains(target.table()))
                names.add(target.table().quotedName());
        return String.join(", ", names);
    }
}
