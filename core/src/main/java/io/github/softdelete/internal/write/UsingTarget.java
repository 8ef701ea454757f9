package io.github.softdelete.internal.write;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Table;
import org.jooq.impl.QOM;

import io.github.softdelete.SoftDeleteException;

import io.github.softdelete.internal.jooq.TableShape;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.UnfilteredTable;
import io.github.softdelete.internal.sql.TableReference;

/**
 * MariaDB's multi-table DELETE names its target again in USING, where it is declared: {@code DELETE FROM t0 USING
 * comments AS t0, posts WHERE ...} deletes rows of {@code comments}, and {@code DELETE FROM users USING users, likes
 * WHERE ...} rows of {@code users} (jOOQ renders and parses this form for MariaDB). In PostgreSQL the same text would
 * join a second copy of the table. On MariaDB the DELETE is read as the form with the target's own declaration:
 * {@code DELETE FROM comments AS t0 USING posts WHERE ...}, so that the target is the policy's table it names.
 */
final class UsingTarget {

    private UsingTarget() {
    }

    /**
     * {@code delete} with its target declared where USING declares it, and left out of USING; {@code delete} itself
     * when USING does not name it.
     *
     * @throws SoftDeleteException when USING declares the target inside a join, where it cannot be taken out
     */
    static QOM.Delete<?> declared(TableRegistry registry, QOM.Delete<?> delete) {
        Table<?> target = UnfilteredTable.unwrap(delete.$from());
        if (delete.$using().isEmpty() || TableShape.of(target).alias())
            return delete;
        String name = target.getName();
        List<Table<?>> rest = new ArrayList<>();
        Table<?> declared = null;
        for (Table<?> table : delete.$using()) {
            Table<?> using = UnfilteredTable.unwrap(table);
            if (declared == null && names(using, target))
                declared = using;
            else {
                requireNotInJoin(registry, using, name);
                rest.add(table);
            }
        }
        return declared == null ? delete : delete.$from(declared).$using(rest);
    }

    // USING's table is the target: its alias is the target's name, or it is the target's table unaliased.
    private static boolean names(Table<?> using, Table<?> target) {
        if (TableShape.of(using).alias())
            return target.getSchema() == null && using.getName().equals(target.getName());
        return using.getName().equals(target.getName()) && (target.getSchema() == null || using.getSchema() == null
            || target.getSchema().getName().equals(using.getSchema().getName()));
    }

    private static void requireNotInJoin(TableRegistry registry, Table<?> using, String target) {
        if (!(using instanceof QOM.JoinTable<?, ?> join))
            return;
        for (Table<?> side : List.of(UnfilteredTable.unwrap(join.$table1()), UnfilteredTable.unwrap(join.$table2()))) {
            if (side instanceof QOM.JoinTable<?, ?>) {
                requireNotInJoin(registry, side, target);
                continue;
            }
            TableReference reference = TableReference.resolve(registry, side);
            if (side.getName().equals(target) && reference != null)
                throw new SoftDeleteException("cannot soft-delete from " + reference.table().quotedName() + " on MariaDB: the DELETE"
                    + " declares its table \"" + target + "\" inside a join of its USING list, which the library cannot take"
                    + " apart. Nothing was executed. Name the table after DELETE FROM and join the others in USING, or write"
                    + " DELETE FROM t WHERE key IN (SELECT ...)");
        }
    }
}
