package io.github.softdelete.internal.purge;

import java.util.Arrays;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.install.SoftDeleteVisitListener;
import io.github.softdelete.internal.install.StatementRefusals;

/**
 * A context for the purge's own statements: the user's configuration without the soft-delete
 * listeners, other listeners kept.
 *
 * <p>The purge must see every row: a deleted child that still references a candidate keeps it just as
 * a live one does, and its DELETE must delete. The hard-delete opt-out is not enough, because it still
 * filters the subqueries of a DELETE, and those subqueries are exactly where the purge looks for the rows
 * that stay.
 */
final class Unfiltered {

    private Unfiltered() {
    }

    static DSLContext of(DSLContext ctx) {
        Configuration configuration = ctx.configuration().derive();
        configuration.set(Arrays.stream(configuration.visitListenerProviders())
            .filter(provider -> !SoftDeleteVisitListener.isInstance(provider.provide()))
            .toArray(VisitListenerProvider[]::new));
        configuration.set(Arrays.stream(configuration.executeListenerProviders())
            .filter(provider -> !(provider.provide() instanceof StatementRefusals))
            .toArray(ExecuteListenerProvider[]::new));
        return DSL.using(configuration);
    }
}
