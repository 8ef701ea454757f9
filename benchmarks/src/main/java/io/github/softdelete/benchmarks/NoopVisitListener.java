package io.github.softdelete.benchmarks;

import org.jooq.VisitContext;
import org.jooq.VisitListener;

/**
 * A listener that does nothing: what it costs is jOOQ's own price for having any listener at all
 * (a deque push and pop per query part, clause events, the callbacks). B1's baseline.
 *
 * <p>Stateless and thread-safe.
 */
final class NoopVisitListener implements VisitListener {

    // Overridden, not inherited from the interface's defaults, so the callbacks are real calls.
    @Override
    public void clauseStart(VisitContext context) {
    }

    @Override
    public void clauseEnd(VisitContext context) {
    }

    @Override
    public void visitStart(VisitContext context) {
    }

    @Override
    public void visitEnd(VisitContext context) {
    }
}
