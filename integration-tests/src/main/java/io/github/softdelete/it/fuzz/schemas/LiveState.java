package io.github.softdelete.it.fuzz.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;

import io.github.softdelete.OnDelete;
import io.github.softdelete.it.fuzz.Engine;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.KeySpec;
import io.github.softdelete.it.fuzz.schemas.RandomSchema.TableSpec;

/**
 * The rows that are present after a statement, in a form in which the soft-deleting side and the
 * hard-deleting oracle must agree, read without the listener. A row is present when it is live (a
 * marked table, by the hand-written {@link TableSpec#deletedSql deleted} predicate), or, in a table
 * without a marker, when every parent over a CASCADE key is present: a soft delete leaves such rows
 * in place where the database deletes them (the documented boundary). Over a SET NULL key, a
 * reference to a row that is not present reads as NULL on both sides: the database sets it to NULL,
 * the library leaves it. The marker's own columns are not compared.
 */
final class LiveState {

    private final RandomSchema schema;
    private final Engine engine;

    LiveState(RandomSchema schema, Engine engine) {
        this.schema = schema;
        this.engine = engine;
    }

    /**
     * Whether the constraint {@code name} guards a table that a soft delete of {@code target} does not
     * reach: its parent is not the target nor reached from it over CASCADE keys into marked tables
     * (the library's cascade), so only a hard delete that crossed a table without a marker got there.
     */
    boolean beyondBoundary(String name, String target) {
        java.util.Set<String> reached = softReach(target);
        for (TableSpec table : schema.tables)
            for (KeySpec key : table.keys())
                if (key.name().equals(name))
                    return !reached.contains(key.parent());
        return false;
    }

    /**
     * Whether a hard delete of {@code target} cascades into a table without a marker, which a soft
     * delete leaves in place: a RESTRICT or NO ACTION key from such a table then refuses the soft
     * delete, where the hard delete removed the referencing rows first (the documented boundary).
     */
    boolean cascadesAcrossBoundary(String target) {
        java.util.Set<String> reached = softReach(target);
        for (TableSpec table : schema.tables)
            for (KeySpec key : table.keys())
                if (!table.marked() && key.rule() == OnDelete.CASCADE && reached.contains(key.parent()))
                    return true;
        return false;
    }

    /**
     * Whether the key {@code name} is one that PostgreSQL checks before its cascade removes the child
     * (its child is reached by the same delete's cascade), yet after the soft delete no live child
     * refers through it to a row that is not live: the library does not block on a child that the same
     * delete takes (documented), where PostgreSQL's RI triggers may check first. Returns the live
     * children under a parent that is not live (compare before and after: any new one is a real
     * miss), or null when the key is not such a key.
     */
    List<String> restrictViolations(DSLContext plain, String schemaName, String name, String target) {
        java.util.Set<String> reached = softReach(target);
        for (TableSpec child : schema.tables)
            for (KeySpec key : child.keys())
                if (key.name().equals(name)) {
                    if (!reached.contains(child.name()) || !reached.contains(key.parent()) || !child.marked())
                        return null;
                    StringBuilder sql = new StringBuilder("select " + keyText(child) + " from " + schemaName + "." + child.name() + " c where not coalesce("
                        + child.deletedSql("c") + ", false) and not exists (select 1 from " + schemaName + "." + key.parent()
                        + " p where not coalesce(" + key.parentRef().deletedSql("p") + ", false)");
                    for (int i = 0; i < key.columns().size(); i++)
                        sql.append(" and p.").append(key.parentRef().primaryKey().get(i)).append(" = c.").append(key.columns().get(i));
                    sql.append(")");
                    for (String column : key.columns())
                        sql.append(" and c.").append(column).append(" is not null");
                    List<String> violations = new ArrayList<>(plain.fetch(sql.toString()).getValues(0, String.class));
                    violations.sort(null);
                    return violations;
                }
        return null;
    }

    // The primary key of row c as text, "1" or "2,0".
    private String keyText(TableSpec table) {
        List<String> columns = new ArrayList<>();
        for (String column : table.primaryKey())
            columns.add(engine.text("c." + column));
        return engine == Engine.MARIADB ? "concat_ws(',', " + String.join(", ", columns) + ")" : String.join(" || ',' || ", columns);
    }

    // The target and every marked table a soft delete of it cascades to.
    private java.util.Set<String> softReach(String target) {
        java.util.Set<String> reached = new java.util.HashSet<>(List.of(target));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TableSpec table : schema.tables)
                for (KeySpec key : table.keys())
                    if (key.rule() == OnDelete.CASCADE && table.marked() && reached.contains(key.parent()))
                        grew |= reached.add(table.name());
        }
        return reached;
    }

    Map<String, List<String>> read(DSLContext plain, String schemaName, boolean markers) {
        // One round trip for all tables: each row as its table, its deleted flag and its compared
        // columns as text, padded to the widest table.
        int width = 0;
        for (TableSpec table : schema.tables)
            width = Math.max(width, columns(table).size());
        List<String> selects = new ArrayList<>();
        for (TableSpec table : schema.tables) {
            List<String> columns = columns(table);
            StringBuilder select = new StringBuilder("select '" + table.name() + "', " + (markers ? "coalesce(" + table.deletedSql("t") + ", false)" : "false"));
            for (int i = 0; i < width; i++)
                select.append(", ").append(engine.text(i < columns.size() ? "t." + columns.get(i) : "null"));
            selects.add(select.append(" from ").append(schemaName).append('.').append(table.name()).append(" t").toString());
        }
        Map<String, Map<List<Object>, Map<String, Object>>> all = new LinkedHashMap<>();
        Map<String, TableSpec> byName = new HashMap<>();
        for (TableSpec table : schema.tables) {
            all.put(table.name(), new LinkedHashMap<>());
            byName.put(table.name(), table);
        }
        for (Record r : plain.fetch(String.join(" union all ", selects))) {
            TableSpec table = byName.get(r.get(0, String.class));
            List<String> columns = columns(table);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++)
                row.put(columns.get(i), r.get(i + 2, String.class));
            row.put("softdelete_fuzz_deleted", r.get(1, Boolean.class));
            all.get(table.name()).put(key(row, table.primaryKey()), row);
        }
        Map<String, Boolean> memo = new HashMap<>();
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (TableSpec table : schema.tables) {
            List<String> present = new ArrayList<>();
            for (Map<String, Object> row : all.get(table.name()).values()) {
                if (!present(table, row, all, memo))
                    continue;
                Map<String, Object> shown = new LinkedHashMap<>();
                for (String column : columns(table))
                    shown.put(column, row.get(column));
                for (KeySpec key : table.keys())
                    if (key.rule() == OnDelete.SET_NULL && !parentPresent(key, row, all, memo))
                        key.columns().forEach(c -> shown.put(c, null));
                present.add(shown.toString());
            }
            present.sort(null);
            result.put(table.name(), present);
        }
        return result;
    }

    private boolean present(TableSpec table, Map<String, Object> row, Map<String, Map<List<Object>, Map<String, Object>>> all,
                            Map<String, Boolean> memo) {
        String id = table.name() + key(row, table.primaryKey());
        Boolean known = memo.get(id);
        if (known != null)
            return known;
        memo.put(id, Boolean.TRUE); // a cycle of CASCADE self-references counts as present
        boolean present;
        // A marked row must be live. Over a CASCADE key, a row is gone with a parent that is gone
        // because of the boundary: any parent of a row without a marker (a soft delete leaves such
        // rows in place, a hard delete removes them), a parent without a marker, or a live marked
        // parent below such a table. A deleted marked parent of a marked row does not count: that
        // cascade is the library's to do, and a live child left under it is a mismatch.
        present = !table.marked() || !deleted(row);
        for (KeySpec key : table.keys()) {
            if (!present || key.rule() != OnDelete.CASCADE || nullKey(key, row))
                continue;
            Map<String, Object> parent = parent(key, row, all);
            boolean boundaryGone = !table.marked() || !key.parentRef().marked()
                ? !parentPresent(key, row, all, memo)
                : parent != null && !deleted(parent) && !present(key.parentRef(), parent, all, memo);
            if (boundaryGone)
                present = false;
        }
        memo.put(id, present);
        return present;
    }

    private boolean parentPresent(KeySpec key, Map<String, Object> row, Map<String, Map<List<Object>, Map<String, Object>>> all,
                                  Map<String, Boolean> memo) {
        if (nullKey(key, row))
            return true;
        Map<String, Object> parent = parent(key, row, all);
        return parent != null && present(key.parentRef(), parent, all, memo);
    }

    private static Map<String, Object> parent(KeySpec key, Map<String, Object> row, Map<String, Map<List<Object>, Map<String, Object>>> all) {
        List<Object> parentKey = new ArrayList<>();
        for (String column : key.columns())
            parentKey.add(row.get(column));
        return all.get(key.parent()).get(normalise(parentKey));
    }

    private static boolean deleted(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("softdelete_fuzz_deleted"));
    }

    private static boolean nullKey(KeySpec key, Map<String, Object> row) {
        for (String column : key.columns())
            if (row.get(column) == null)
                return true;
        return false;
    }

    private static List<String> columns(TableSpec table) {
        List<String> columns = new ArrayList<>(table.primaryKey());
        columns.add("val");
        for (KeySpec key : table.keys())
            columns.addAll(key.columns());
        return columns;
    }

    private static List<Object> key(Map<String, Object> row, List<String> columns) {
        List<Object> key = new ArrayList<>();
        for (String column : columns)
            key.add(row.get(column));
        return normalise(key);
    }

    // Values are read as text, so keys compare as text.
    private static List<Object> normalise(List<Object> key) {
        return key;
    }
}
