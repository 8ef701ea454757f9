package io.github.softdelete.internal.jooq;

import org.jooq.Table;
import org.jooq.impl.QOM;


/**
 * What the rules ask of a table reference's class, decided once per class: which of the QOM table
 * interfaces it implements (the same answers as {@code instanceof}, each on its own), and whether it is
 * a generated class.
 *
 * <p>Why not {@code instanceof}: the rules ask this of every table reference rendered (each FROM entry,
 * each join side, each table a column qualifies), and most of them are generated tables, which are none
 * of these. On JDK 17 an {@code instanceof} against an interface that fails scans the class's interfaces,
 * and jOOQ's classes implement dozens (see {@code PartKind}); a {@link ClassValue} answers in one lookup.
 *
 * @param join    a {@code QOM.JoinTable}
 * @param lateral a {@code QOM.Lateral}
 * @param alias   a {@code QOM.TableAlias} (jOOQ's alias wrapper; a generated table's alias is not one)
 * @param generated a class outside jOOQ, as the code generator writes them: one per table
 *                  ({@code TableRegistry#generatedClass})
 */
public record TableShape(boolean join, boolean lateral, boolean alias, boolean generated) {

    // jOOQ's own packages (org.jooq, org.jooq.impl, ...), taken from a jOOQ type rather than spelled out.
    private static final String JOOQ_PACKAGES = Table.class.getPackageName() + ".";

    private static final ClassValue<TableShape> BY_CLASS = new ClassValue<>() {
        @Override
        protected TableShape computeValue(Class<?> type) {
            return new TableShape(QOM.JoinTable.class.isAssignableFrom(type), QOM.Lateral.class.isAssignableFrom(type),
                QOM.TableAlias.class.isAssignableFrom(type), !type.getName().startsWith(JOOQ_PACKAGES));
        }
    };

    public static TableShape of(Table<?> table) {
        return BY_CLASS.get(table.getClass());
    }

    public static TableShape of(Class<?> type) {
        return BY_CLASS.get(type);
    }
}
