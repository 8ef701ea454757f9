package io.github.softdelete.it.fuzz.schemas;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fuzz.Engine;
import io.github.softdelete.it.fuzz.RowDiff;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.TableSpec;

/**
 * The delete-then-restore round trip on a random schema: a soft delete through the library of one to
 * three live rows of a random marked table (by key), then {@link SoftDelete#restore} of the same
 * condition, must leave every row of every table exactly as before, every column compared (keys,
 * values, foreign keys, flags, stamps, deleted-by; a nullable flag's NULL reads as FALSE, both live: the
 * delete overwrites it and the restore writes FALSE): the delete's cascade is undone, and rows deleted
 * before on their own (the dataset's, each with its own 2020 stamp) stay deleted with their stamps and
 * actors. A delete the library refuses must change nothing; a restore it refuses
 * ({@link SoftDeleteException}: a deleted parent, a flag-only table or child) must leave the state the
 * delete left. Each case runs in a transaction that is rolled back, which puts the data back.
 */
final class RestoreRoundTrip {

    private final RandomSchema schema;
    private final Connection connection;
    private final DSLContext plain;
    private final DSLContext softDeleting;
    private final Schema catalog;
    private final String name;
    private final String header;
    private final Engine engine;

    RestoreRoundTrip(RandomSchema schema, Connection connection, DSLContext plain, DSLContext softDeleting, Schema catalog,
                     String name, String header) {
        this.engine = Engine.of(plain.dialect());
        this.schema = schema;
        this.connection = connection;
        this.plain = plain;
        this.softDeleting = softDeleting;
        this.catalog = catalog;
        this.name = name;
        this.header = header;
    }

    void run(RandomSchemaFuzz.Report report, long seed) {
        try {
            connection.setAutoCommit(false);
            try {
                roundTrip(report, seed);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back: " + e.getMessage(), e);
        }
    }

    private void roundTrip(RandomSchemaFuzz.Report report, long seed) throws SQLException {
        Random random = new Random(seed);
        List<TableSpec> marked = new ArrayList<>(schema.tables.stream().filter(TableSpec::marked).toList());
        Collections.shuffle(marked, random);
        for (TableSpec target : marked) {
            String liveRows = "select " + String.join(", ", target.primaryKey()) + " from " + name + "." + target.name()
                + " t where not coalesce(" + target.deletedSql("t") + ", false)";
            String order = " order by " + String.join(", ", target.primaryKey());
            // Half the time, rows with a child that was deleted before on its own, over a CASCADE key: the
            // restore must leave that child deleted, with its stamp (no zombies).
            String withDeletedChild = withDeletedChild(target);
            List<Record> live = withDeletedChild != null && random.nextBoolean()
                ? plain.fetch(liveRows + " and (" + withDeletedChild + ")" + order) : List.of();
            if (live.isEmpty())
                live = plain.fetch(liveRows + order);
            if (live.isEmpty())
                continue;
            live = new ArrayList<>(live);
            Collections.shuffle(live, random);
            List<Record> picked = live.subList(0, 1 + random.nextInt(Math.min(3, live.size())));
            Table<?> table = catalog.getTable(target.name());
            Condition condition = DSL.falseCondition();
            for (Record key : picked) {
                Condition row = DSL.trueCondition();
                for (String column : target.primaryKey()) {
                    @SuppressWarnings("unchecked")
                    Field<Object> field = (Field<Object>) table.field(column);
                    row = row.and(field.eq(key.get(column)));
                }
                condition = condition.or(row);
            }
            check(report, seed, target, table, condition);
            return;
        }
    }

    // An SQL condition on the target's row t: a marked child over a CASCADE key is deleted; null when no such key.
    private String withDeletedChild(TableSpec target) {
        List<String> exists = new ArrayList<>();
        for (TableSpec child : schema.tables)
            for (RandomSchema.KeySpec key : child.keys())
                if (child.marked() && key.rule() == io.github.softdelete.OnDelete.CASCADE && key.parent().equals(target.name())) {
                    StringBuilder sql = new StringBuilder("exists (select 1 from " + name + "." + child.name() + " c where coalesce("
                        + child.deletedSql("c") + ", false)");
                    for (int i = 0; i < key.columns().size(); i++)
                        sql.append(" and c.").append(key.columns().get(i)).append(" = t.").append(target.primaryKey().get(i));
                    exists.add(sql.append(")").toString());
                }
        return exists.isEmpty() ? null : String.join(" or ", exists);
    }

    private void check(RandomSchemaFuzz.Report report, long seed, TableSpec target, Table<?> table, Condition condition)
        throws SQLException {
        report.restores++;
        String where = "restore seed " + seed + ", table " + target.name() + ", condition " + softDeleting.renderInlined(condition);
        Map<String, List<String>> snapshot = read();
        Savepoint beforeDelete = connection.setSavepoint();
        int deleted;
        try {
            deleted = softDeleting.deleteFrom(table).where(condition).execute();
        } catch (RuntimeException e) {
            report.deleteRefused++;
            // A refusal raised by the database aborts the transaction (the statement changed nothing); one
            // raised before the statement ran leaves it usable, and then nothing may have changed.
            Map<String, List<String>> after = readIfUsable();
            if (after == null)
                connection.rollback(beforeDelete);
            else if (!after.equals(snapshot))
                mismatch(report, where + ": the refused delete (" + e + ") changed rows", snapshot, after);
            return;
        }
        Map<String, List<String>> afterDelete = read();
        if (afterDelete.equals(snapshot)) {
            mismatch(report, where + ": the delete (" + deleted + " rows) changed nothing", snapshot, afterDelete);
            return;
        }
        Savepoint beforeRestore = connection.setSavepoint();
        int restored;
        try {
            restored = SoftDelete.restore(softDeleting, table, condition);
        } catch (SoftDeleteException e) {
            report.restoreRefused++;
            Map<String, List<String>> after = readIfUsable();
            if (after == null)
                connection.rollback(beforeRestore);
            else if (!after.equals(afterDelete))
                mismatch(report, where + ": the refused restore (" + e.getMessage() + ") changed rows", afterDelete, after);
            return;
        } catch (RuntimeException e) {
            mismatch(report, where + ": the restore failed: " + e, snapshot, afterDelete);
            return;
        }
        Map<String, List<String>> after = read();
        if (!after.equals(snapshot) && otherParentDeleted(snapshot, after))
            report.restoreOtherParentDeleted++;
        else if (!after.equals(snapshot))
            mismatch(report, where + ": deleted " + deleted + ", restored " + restored + ", not the rows before the delete",
                snapshot, after);
        else if (restored != deleted)
            mismatch(report, where + ": the state is back, but the delete reported " + deleted + " rows and the restore "
                + restored, snapshot, after);
        else
            report.roundTrips++;
    }

    private Map<String, List<String>> readIfUsable() {
        try {
            return read();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // Every row of every table, all columns, as PostgreSQL's row text, sorted per table; read without the listener.
    private Map<String, List<String>> read() {
        List<String> selects = new ArrayList<>();
        for (TableSpec table : schema.tables)
            selects.add("select '" + table.name() + "', " + rowText(table, "t") + " from " + name + "." + table.name() + " t");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (TableSpec table : schema.tables)
            rows.put(table.name(), new ArrayList<>());
        for (Record r : plain.fetch(String.join(" union all ", selects)))
            rows.get(r.get(0, String.class)).add(r.get(1, String.class));
        rows.values().forEach(list -> list.sort(null));
        return rows;
    }

    private String rowText(TableSpec table, String alias) {
        List<String> columns = new ArrayList<>();
        for (Field<?> field : catalog.getTable(table.name()).fields())
            columns.add(field.getName().equals(table.flag()) && table.kind() == RandomSchema.Kind.NULLABLE_FLAG
                ? "coalesce(" + alias + "." + field.getName() + ", false)" : alias + "." + field.getName());
        if (engine != Engine.MARIADB)
            return "row(" + String.join(", ", columns) + ")::text";
        // MariaDB has no row-to-text cast: each column as text, NULL spelled out (CONCAT_WS skips NULLs).
        List<String> texts = new ArrayList<>();
        for (String column : columns)
            texts.add("coalesce(" + engine.text(column) + ", 'NULL')");
        return "concat('(', concat_ws(',', " + String.join(", ", texts) + "), ')')";
    }

    // The documented exception ("children whose other parent is still deleted stay deleted"): the data
    // set holds live rows under deleted parents, which the delete took and the restore leaves. True when
    // every row that differs is one that is deleted now, in place of the same row live before, with a
    // parent over a key that is not SET NULL that is deleted now (deleted before, or left so itself).
    private boolean otherParentDeleted(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        for (TableSpec table : schema.tables) {
            List<String> missing = minus(expected.get(table.name()), actual.get(table.name()));
            List<String> extra = minus(actual.get(table.name()), expected.get(table.name()));
            if (extra.isEmpty() && missing.isEmpty())
                continue;
            if (missing.size() != extra.size() || extra.size() >= 10)
                return false;
            List<String> covered = new ArrayList<>();
            for (RandomSchema.KeySpec key : table.keys()) {
                if (!key.parentRef().marked() || key.rule() == io.github.softdelete.OnDelete.SET_NULL)
                    continue;
                StringBuilder sql = new StringBuilder("select " + rowText(table, "c") + " from " + name + "." + table.name() + " c join "
                    + name + "." + key.parent() + " p on true");
                for (int i = 0; i < key.columns().size(); i++)
                    sql.append(" and p.").append(key.parentRef().primaryKey().get(i)).append(" = c.").append(key.columns().get(i));
                sql.append(" where coalesce(").append(key.parentRef().deletedSql("p")).append(", false) and coalesce(")
                    .append(table.deletedSql("c")).append(", false) and ").append(rowText(table, "c")).append(" in (")
                    .append(String.join(", ", extra.stream().map(r -> DSL.inline(r).toString()).toList())).append(")");
                covered.addAll(plain.fetch(sql.toString()).getValues(0, String.class));
            }
            if (!covered.containsAll(extra))
                return false;
        }
        return true;
    }

    // For a diagnosis: which of the rows found but not expected have a marked parent that is deleted now.
    private String deletedParents(String tableName, List<String> rows) {
        TableSpec table = schema.tables.stream().filter(t -> t.name().equals(tableName)).findFirst().orElseThrow();
        List<String> found = new ArrayList<>();
        for (RandomSchema.KeySpec key : table.keys()) {
            if (!key.parentRef().marked())
                continue;
            StringBuilder sql = new StringBuilder("select concat(" + rowText(table, "c") + ", ' -> " + key.parent() + " ', "
                + rowText(key.parentRef(), "p") + ") from " + name + "." + table.name() + " c join " + name + "." + key.parent()
                + " p on true");
            for (int i = 0; i < key.columns().size(); i++)
                sql.append(" and p.").append(key.parentRef().primaryKey().get(i)).append(" = c.").append(key.columns().get(i));
            sql.append(" where coalesce(").append(key.parentRef().deletedSql("p")).append(", false) and ").append(rowText(table, "c"))
                .append(" in (").append(String.join(", ", rows.stream().map(r -> DSL.inline(r).toString()).toList())).append(")");
            try {
                found.addAll(plain.fetch(sql.toString()).getValues(0, String.class));
            } catch (RuntimeException e) {
                found.add("(diagnosis failed: " + e.getMessage() + ")");
            }
        }
        return found.toString();
    }

    private void mismatch(RandomSchemaFuzz.Report report, String what, Map<String, List<String>> expected,
                          Map<String, List<String>> actual) {
        report.restoreMismatches++;
        StringBuilder text = new StringBuilder(header).append(what).append('\n');
        int shown = 0;
        for (String table : expected.keySet()) {
            List<String> missing = minus(expected.get(table), actual.get(table));
            List<String> extra = minus(actual.get(table), expected.get(table));
            if (missing.isEmpty() && extra.isEmpty())
                continue;
            text.append("  ").append(table).append(": expected, not found ").append(missing).append("\n")
                .append("  ").append(table).append(": found, not expected ").append(extra).append("\n");
            if (!extra.isEmpty())
                text.append("  ").append(table).append(": of those, with a deleted parent now: ").append(deletedParents(table, extra)).append("\n");
            if (++shown == 3)
                break;
        }
        report.mismatches.add(text.toString());
    }

    // The first 10 rows of a that b lacks, counting duplicates.
    private static List<String> minus(List<String> a, List<String> b) {
        List<String> extra = RowDiff.minus(a, b);
        return extra.size() > 10 ? extra.subList(0, 10) : extra;
    }
}
