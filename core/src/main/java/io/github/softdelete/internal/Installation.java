package io.github.softdelete.internal;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.RecordListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultRecordListenerProvider;
import org.jooq.impl.DefaultVisitListenerProvider;

/**
 * What {@code SoftDelete.install} does: checks that the library can run here (the dialect, the jOOQ
 * internals it reaches), then adds its three listeners after the ones already set, replacing the ones
 * an earlier install added so that nothing is filtered twice.
 */
public final class Installation {

    /** The dialect families the library supports: the ones its test suite runs on. */
    private static final List<SQLDialect> SUPPORTED = List.of(SQLDialect.POSTGRES);

    private Installation() {
    }

    public static Configuration install(Configuration configuration, TableRegistry registry, boolean strictPlainSql,
                                        boolean parsePlainSql) {
        requireSupportedDialect(configuration.dialect());
        Qom.requireSupported();
        List<VisitListenerProvider> visit = new ArrayList<>();
        for (VisitListenerProvider provider : configuration.visitListenerProviders())
            if (!SoftDeleteVisitListener.isInstance(provider.provide()))
                visit.add(provider);
        visit.add(new DefaultVisitListenerProvider(new SoftDeleteVisitListener(registry, strictPlainSql, parsePlainSql)));
        List<ExecuteListenerProvider> execute = new ArrayList<>();
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (!(provider.provide() instanceof StatementRefusals) && !(provider.provide() instanceof SettlingListener))
                execute.add(provider);
        execute.add(new DefaultExecuteListenerProvider(new StatementRefusals(registry)));
        execute.add(new DefaultExecuteListenerProvider(new SettlingListener(registry)));
        List<RecordListenerProvider> record = new ArrayList<>();
        for (RecordListenerProvider provider : configuration.recordListenerProviders())
            if (!RecordMarkers.isInstance(provider.provide()))
                record.add(provider);
        record.add(new DefaultRecordListenerProvider(new RecordMarkers(registry)));
        return configuration
            .set(visit.toArray(VisitListenerProvider[]::new))
            .set(execute.toArray(ExecuteListenerProvider[]::new))
            .set(record.toArray(RecordListenerProvider[]::new));
    }

    // A data-modifying CTE, statement_timestamp() and the CAST check are PostgreSQL's; on H2 or MySQL a
    // soft delete would fail to run, or stamp two deletes of one transaction alike.
    private static void requireSupportedDialect(SQLDialect dialect) {
        if (dialect == null || !SUPPORTED.contains(dialect.family()))
            throw new IllegalArgumentException("softdelete does not support the dialect " + dialect + " of this configuration:"
                + " it supports " + SUPPORTED.stream().map(d -> "SQLDialect." + d.name()).toList() + " (and the versions of"
                + " that family), the databases its test suite runs on. Set a supported dialect on the configuration"
                + " (configuration.set(SQLDialect.POSTGRES)) before SoftDelete.install(configuration, policy)");
    }
}
