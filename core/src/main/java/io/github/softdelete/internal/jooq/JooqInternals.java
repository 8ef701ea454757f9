package io.github.softdelete.internal.jooq;

import java.util.List;


/**
 * The classes of jOOQ's {@code org.jooq.impl} that the library recognises although no public type tells
 * them apart: each is package-private, and so is the marker interface it implements, if any. Each is
 * resolved by name once, when this class loads, and compared by identity where it is used.
 *
 * <p>Why a check at install: if jOOQ renamed one, the rule that looks for it would silently stop
 * applying (plain SQL no longer parsed, {@code SET} commands sent through jOOQ's parser). So
 * {@code SoftDelete.install} calls {@link #requireSupported()}, which fails with the jOOQ version and
 * the missing names. The two members the library reaches by reflection ({@code DSL.exists},
 * {@code AbstractDMLQuery.returning}) are {@link Qom}'s, checked there alike; {@code ForeignKeyRules}'
 * method is optional (jOOQ 3.20+) and needs no check.
 *
 * <p>Names checked in the jOOQ sources of 3.19.29, 3.21.7 and main, and in the 3.19.39 jar.
 * Immutable and thread-safe.
 */
public final class JooqInternals {

    /** A class of jOOQ recognised by {@code name}; {@code type} is null when the running jOOQ has none. */
    public record Internal(String name, String use, Class<?> type) {

        static Internal of(String name, String use) {
            return new Internal(name, use, find(name));
        }

        /** Whether {@code part} is an instance of exactly this class (they are all final or private). */
        public boolean is(Object part) {
            return part != null && part.getClass() == type;
        }
    }

    // jOOQ's SQLQuery.java, SQLResultQuery.java, SQLTable.java: "final class ... implements UEmptyQuery" / UEmptyTable,
    // both package-private in QOM. What DSLContext.execute(String), fetch(String) and DSL.table(String) build.
    public static final Internal SQL_QUERY = Internal.of("org.jooq.impl.SQLQuery",
        "the plain-SQL statement of ctx.execute(String), which parsePlainSql parses");
    public static final Internal SQL_RESULT_QUERY = Internal.of("org.jooq.impl.SQLResultQuery",
        "the plain-SQL query of ctx.fetch(String), which parsePlainSql parses");
    public static final Internal SQL_TABLE = Internal.of("org.jooq.impl.SQLTable",
        "the plain-SQL table of DSL.table(String), which parsePlainSql parses");
    // ParserImpl.java: "static final class IgnoreQuery extends AbstractDDLQuery implements UEmpty", nested in
    // DefaultParseContext (the file's second class) from 3.19 to main.
    public static final Internal IGNORE_QUERY = Internal.of("org.jooq.impl.DefaultParseContext$IgnoreQuery",
        "what jOOQ's parser reads SET statement_timeout = 0 as, which the SQL-text DataSource sends as written");
    // BatchCRUD.java: "private static class QueryCollector implements ExecuteListener", added by
    // deriveConfiguration(collector) through Configuration.deriveAppending.
    public static final Internal BATCH_QUERY_COLLECTOR = Internal.of("org.jooq.impl.BatchCRUD$QueryCollector",
        "the listener with which batchDelete(records) collects SQL without running it");

    static final List<Internal> ALL = List.of(SQL_QUERY, SQL_RESULT_QUERY, SQL_TABLE, IGNORE_QUERY, BATCH_QUERY_COLLECTOR);

    /** What the messages of an unsupported jOOQ advise. */
    static final String WAY_OUT = "softdelete is tested on jOOQ 3.19.x to 3.21.x; use one of those versions";

    private JooqInternals() {
    }

    /**
     * Checks that the running jOOQ has every class the library recognises by name.
     *
     * @throws IllegalStateException naming the jOOQ version, what is missing, and the way out
     */
    public static void requireSupported() {
        requireFound(ALL, JooqVersion.running());
    }

    // Separate from requireSupported so that a test can hand it a name no jOOQ has.
    static void requireFound(List<Internal> internals, String version) {
        List<String> missing = internals.stream().filter(internal -> internal.type() == null)
            .map(internal -> internal.name() + " (" + internal.use() + ")").toList();
        if (!missing.isEmpty())
            throw new IllegalStateException("softdelete cannot run on jOOQ " + version + ": it recognises jOOQ classes"
                + " by name, and this jOOQ has no " + String.join(", no ", missing) + ". " + WAY_OUT);
    }

    private static Class<?> find(String name) {
        try {
            // Not initialised: only its identity is needed.
            return Class.forName(name, false, org.jooq.Query.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
