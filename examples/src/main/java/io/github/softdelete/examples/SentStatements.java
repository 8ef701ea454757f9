package io.github.softdelete.examples;

import java.util.ArrayList;
import java.util.List;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Records the SQL of every statement just before jOOQ hands it to JDBC, that is after the
 * soft-delete listener rewrote it: the demo prints what really ran, not what it expects to run.
 *
 * <p>Not thread-safe: the demo runs one statement at a time.
 */
final class SentStatements implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<String> sent = new ArrayList<>();

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.sql() != null) {
            sent.add(ctx.sql());
        } else {
            sent.addAll(List.of(ctx.batchSQL()));
        }
    }

    /** The statements sent since the last call, oldest first. */
    List<String> takeAll() {
        List<String> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }
}
