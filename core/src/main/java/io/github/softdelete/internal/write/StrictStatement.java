package io.github.softdelete.internal.write;

import org.jooq.Context;
import org.jooq.impl.CustomQueryPart;

/**
 * {@code SET STATEMENT sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES') FOR}: the prefix that makes MariaDB run
 * one statement in strict mode, the session's other modes kept.
 *
 * <p>Why: the library's in-statement checks on MariaDB fail on purpose with {@code CAST('<mark><key>' AS SIGNED)}
 * in a statement's SELECT list or SET clause (docs/mariadb-facts.md). MariaDB raises that as an error (1292,
 * SQLSTATE 22007) only in strict mode; otherwise it warns, writes 0, and the check would let the row through.
 * The default {@code STRICT_TRANS_TABLES} covers InnoDB tables, but an application may run without it, so the
 * library asks for it on each checked statement; {@code SET STATEMENT} takes an expression, so the session's modes
 * (say {@code NO_BACKSLASH_ESCAPES}, which changes how literals read) stay as they are.
 */
final class StrictStatement extends CustomQueryPart {

    private static final long serialVersionUID = 1L;

    static final StrictStatement PREFIX = new StrictStatement();

    private StrictStatement() {
    }

    @Override
    public void accept(Context<?> ctx) {
        ctx.sql("set statement sql_mode = concat(@@sql_mode, ',STRICT_ALL_TABLES') for");
    }
}
