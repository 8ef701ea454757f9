package io.github.softdelete.internal.install;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.RecordListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultRecordListenerProvider;
import org.jooq.impl.DefaultVisitListenerProvider;

import io.github.softdelete.PlainSql;

import io.github.softdelete.internal.jooq.Engine;
import io.github.softdelete.internal.jooq.JooqInternals;
import io.github.softdelete.internal.jooq.PartnerListeners;
import io.github.softdelete.internal.jooq.Qom;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.render.RenderCache;

/**
 * What {@code SoftDelete.install} does: checks that the library can run here (the dialect, the jOOQ
 * internals it reaches), then adds its three listeners after the ones already set, replacing the ones
 * an earlier install added so that nothing is filtered twice.
 */
public final class Installation {

    private Installation() {
    }

    public static Configuration install(Configuration configuration, TableRegistry registry, PlainSql plainSql) {
        return install(configuration, registry, plainSql, RenderCache.keeping());
    }

    /**
     * As {@link #install(Configuration, TableRegistry, PlainSql)}, with the cache of rendered text given: each
     * installation has its own ({@link RenderCache}); tests install one that keeps nothing to compare with.
     */
    public static Configuration install(Configuration configuration, TableRegistry registry, PlainSql plainSql, RenderCache cache) {
        requireSupportedDialect(configuration.dialect());
        Qom.requireSupported();
        JooqInternals.requireSupported();
        requireNoOtherPolicy(configuration, registry, plainSql);
        registry = registry.withSchemaAliases(renderedSchemas(configuration, registry));
        List<VisitListenerProvider> visit = new ArrayList<>();
        for (VisitListenerProvider provider : configuration.visitListenerProviders())
            if (!SoftDeleteVisitListener.isInstance(provider.provide()))
                visit.add(provider);
        visit.add(new DefaultVisitListenerProvider(new SoftDeleteVisitListener(registry, plainSql, cache)));
        List<ExecuteListenerProvider> execute = new ArrayList<>();
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (!(provider.provide() instanceof StatementRefusals) && !(provider.provide() instanceof SettlingListener)
                && !(provider.provide() instanceof StagedStatements) && !(provider.provide() instanceof SingleTableEvents))
                execute.add(provider);
        execute.add(new DefaultExecuteListenerProvider(new StatementRefusals(registry)));
        execute.add(new DefaultExecuteListenerProvider(new SettlingListener(registry)));
        execute.add(new DefaultExecuteListenerProvider(new StagedStatements(registry)));
        // Only with listeners to tell: without any, the installation is what it was before events existed.
        List<Class<?>> partners = new ArrayList<>(List.of(StatementRefusals.class, SettlingListener.class, StagedStatements.class));
        if (registry.hasListeners()) {
            execute.add(new DefaultExecuteListenerProvider(new SingleTableEvents(registry)));
            partners.add(SingleTableEvents.class);
        }
        List<RecordListenerProvider> record = new ArrayList<>();
        for (RecordListenerProvider provider : configuration.recordListenerProviders())
            if (!RecordMarkers.isInstance(provider.provide()))
                record.add(provider);
        record.add(new DefaultRecordListenerProvider(new RecordMarkers(registry)));
        PartnerListeners.record(configuration, new PartnerListeners.Installed(SoftDeleteVisitListener.class,
            partners, RecordMarkers.class));
        return configuration
            .set(visit.toArray(VisitListenerProvider[]::new))
            .set(execute.toArray(ExecuteListenerProvider[]::new))
            .set(record.toArray(RecordListenerProvider[]::new));
    }

    // The schemas the configuration's RenderMapping renders the policy's schemas as (public as the MariaDB database, say):
    // SQL text written as the statements read, and plain names spelled so, name the policy's tables under them.
    private static Map<String, String> renderedSchemas(Configuration configuration, TableRegistry registry) {
        Map<String, String> aliases = new HashMap<>();
        RenderMapping mapping = configuration.settings().getRenderMapping();
        if (mapping == null)
            return aliases;
        Set<String> schemas = new HashSet<>();
        for (PolicyTable table : registry.tables())
            if (table.schemaName() != null)
                schemas.add(table.schemaName());
        for (MappedSchema mapped : mapping.getSchemata())
            if (mapped.getInput() != null && mapped.getOutput() != null && schemas.contains(mapped.getInput())
                && !schemas.contains(mapped.getOutput()))
                aliases.put(mapped.getOutput(), mapped.getInput());
        return aliases;
    }

    // A configuration has one policy. Installing a second would replace the first's listener, and the tables only
    // the first lists would silently go unfiltered. The same policy again (or one built alike) changes nothing but
    // the order of the listeners, which install puts last again.
    private static void requireNoOtherPolicy(Configuration configuration, TableRegistry registry, PlainSql plainSql) {
        SoftDeleteVisitListener installed = SoftDeleteVisitListener.on(configuration);
        if (installed != null && !installed.applies(registry, plainSql))
            throw new IllegalStateException("another soft-delete policy is already installed on this configuration (it"
                + " covers " + installed.registry().tables() + "); installing a second one would replace it, and the tables"
                + " only the first covers would no longer be filtered. Nothing was changed. Build one policy that covers"
                + " every table (SoftDeletePolicy.builder() with schema(...) and table(...)), or install the second policy on"
                + " a configuration of its own (new DefaultConfiguration(), not derive(), which copies the listeners)");
    }

    /**
     * Refuses a statement rendered under a dialect the library does not support: the configuration's dialect was
     * changed after install ({@code set(SQLDialect)}, {@code derive(SQLDialect)}), and the rewrite would be
     * PostgreSQL's SQL sent to another database, or none at all.
     */
    static void requireSupportedAtRender(SQLDialect dialect) {
        if (Engine.of(dialect) == null)
            throw new IllegalStateException("softdelete does not support the dialect " + dialect + " that this statement is"
                + " rendered under: the configuration's dialect was changed after SoftDelete.install(configuration, policy)"
                + " (configuration.set(SQLDialect...) or derive(SQLDialect...)). Nothing was rendered. The library supports "
                + Engine.supportedDialects() + "; render under that dialect, or use a"
                + " configuration without the library for other databases");
    }

    // The rules build each engine's own SQL (Engine); on any other database (H2, MySQL) a soft delete would fail to
    // run, or stamp two deletes of one transaction alike. MySQL stays refused until a MySQL server runs in the build:
    // jOOQ's MYSQL family is not MariaDB's, and the two servers differ where the rules depend on them.
    static void requireSupportedDialect(SQLDialect dialect) {
        if (Engine.of(dialect) == null)
            throw new IllegalArgumentException("softdelete does not support the dialect " + dialect + " of this configuration:"
                + " it supports " + Engine.supportedDialects() + " (and the versions of those families), the databases its"
                + " test suite runs on. Set a supported dialect on the configuration (configuration.set(SQLDialect.POSTGRES)"
                + " or SQLDialect.MARIADB) before SoftDelete.install(configuration, policy)");
    }
}
