package io.github.softdelete.internal.jooq;

import java.util.List;

import org.jooq.Configuration;
import org.jooq.Context;
import org.jooq.SQLDialect;

/**
 * The databases the library runs on, one per jOOQ dialect family its test suite runs against, and what the
 * rules ask of them where the two differ. A rule that builds engine-specific SQL asks {@link #of(Context)}
 * here rather than comparing dialects itself, so that a third engine shows up as a missing case.
 *
 * <ul>
 *   <li>{@link #POSTGRES}: one statement per operation (data-modifying CTEs), {@code statement_timestamp()},
 *       the failing CAST as the in-statement refusal, {@code FOR KEY SHARE}.</li>
 *   <li>{@link #MARIADB}: no data-modifying CTEs and no {@code UPDATE ... RETURNING}, {@code NOW(6)} per
 *       statement, the failing CAST only in SET and VALUES under strict mode, {@code LOCK IN SHARE MODE}
 *       (docs/mariadb-facts.md).</li>
 * </ul>
 */
public enum Engine {

    POSTGRES(SQLDialect.POSTGRES, "PostgreSQL"),
    MARIADB(SQLDialect.MARIADB, "MariaDB");

    private final SQLDialect family;
    private final String displayName;

    Engine(SQLDialect family, String displayName) {
        this.family = family;
        this.displayName = displayName;
    }

    /** The engine of {@code dialect}'s family, or null when the library does not run on it. */
    public static Engine of(SQLDialect dialect) {
        if (dialect == null)
            return null;
        for (Engine engine : values())
            if (engine.family == dialect.family())
                return engine;
        return null;
    }

    /**
     * The engine a statement is rendered for. Installation refuses every other dialect, and the listener refuses a
     * statement rendered under one (a dialect changed after install), so a rule never meets null here.
     */
    public static Engine of(Context<?> ctx) {
        return of(ctx.dialect());
    }

    /** The engine of {@code configuration}'s dialect, or null. */
    public static Engine of(Configuration configuration) {
        return of(configuration.dialect());
    }

    /** The dialect families of all engines, as {@code SQLDialect.X} names for messages. */
    public static List<String> supportedDialects() {
        return java.util.Arrays.stream(values()).map(e -> "SQLDialect." + e.family.name()).toList();
    }

    /** The dialect family of this engine. */
    public SQLDialect family() {
        return family;
    }

    /** The database's name for messages: "PostgreSQL", "MariaDB". */
    public String displayName() {
        return displayName;
    }
}
