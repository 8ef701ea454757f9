package io.github.softdelete.internal.jooq;

import java.util.List;
import java.util.Set;

import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Row;
import org.jooq.impl.QOM;


/**
 * Rule for the SQL-text path: an INSERT that writes a column a marker owns from a bind value
 * ({@code insert into posts (..., deleted_at) values (..., ?)}, as Spring's {@code SimpleJdbcInsert} writes
 * every column) is rendered anew for each execution's values.
 *
 * <p>Why: {@code MarkerWriteGuard} lets an INSERT give an owned column its live value (NULL, or FALSE for a flag),
 * and decides that by the value bound. jOOQ's parsing connection caches a statement's rendering by its SQL and the
 * types of its bind values, not by the values; once rendered for a NULL, the same statement with a timestamp hit
 * the cache, the guard never saw the timestamp, and the row was inserted as deleted. Rendering such an INSERT each
 * time costs a parse per execution, and only for these statements.
 *
 * <p>The columns are matched by name alone, whatever the table: a statement is rendered each time too often,
 * never too rarely.
 */
public final class MarkerBindValues {

    private MarkerBindValues() {
    }

    /** Whether {@code query}, as parsed, is an INSERT that writes a column named in {@code owned} from a bind value. */
    public static boolean written(Query query, Set<String> owned) {
        QOM.Insert<?> insert = query instanceof QOM.Insert<?> i ? i
            : query instanceof QOM.InsertReturning<?> returning ? returning.$insert() : null;
        if (insert == null || insert.$values() == null)
            return false;
        List<? extends Field<?>> columns = insert.$columns();
        for (int c = 0; c < columns.size(); c++) {
            if (!owned.contains(columns.get(c).getName()))
                continue;
            for (Row row : insert.$values())
                if (c < row.size() && row.field(c) instanceof Param<?> p && !p.isInline())
                    return true;
        }
        return false;
    }
}
