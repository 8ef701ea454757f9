package io.github.softdelete.examples;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.io.PrintStream;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;

/**
 * The demo's entry point: soft deletes in a small social app, told in eight steps on a real
 * PostgreSQL (or MariaDB, with a {@code jdbc:mariadb:} URL). Run it with {@code mvn -q -pl examples -am compile exec:java}; {@code --help} lists the
 * options.
 *
 * <p>Exit codes: 0 when the story ran to its end, 1 when it failed, 2 for bad arguments or a
 * {@code --jdbc-url} that cannot be used. Errors of the last kind are one line on standard error, with
 * no stack trace: they are the user's to fix, not the demo's.
 *
 * <p>Thread-safe: each run starts, or creates, a database of its own.
 */
public final class Demo {

    private static final String NAME = "softdelete-demo";

    private Demo() {
    }

    /**
     * Runs the demo and exits with its code when that is not 0.
     *
     * @param args the command line, see {@link Arguments#USAGE}
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        // Exit only on failure: under exec:java the demo runs inside Maven's JVM, which must be left to
        // finish normally after a success.
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the demo, printing the story to {@code out} and problems to {@code err}.
     *
     * @param args the command line, see {@link Arguments#USAGE}
     * @param out  where the story (or the usage) goes
     * @param err  where a one-line error goes
     * @return the exit code: 0 done, 1 embedded PostgreSQL did not start, 2 bad arguments or unusable
     *         {@code --jdbc-url}
     * @throws RuntimeException when a step fails, which is a bug in the demo or the library; it is
     *                          left to propagate so that its stack trace shows
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage() + ". Run with --help for usage.");
            return 2;
        }
        if (arguments.help()) {
            out.print(Arguments.USAGE);
            return 0;
        }
        // Before jOOQ's first use: it prints a banner and a tip of the day otherwise.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        DemoDatabase database;
        try {
            database = DemoDatabase.open(arguments);
        } catch (UnusableDatabaseException e) {
            err.println(NAME + ": " + e.getMessage() + ".");
            return 2;
        } catch (IllegalStateException e) { // embedded PostgreSQL did not start
            err.println(NAME + ": " + e.getMessage() + ".");
            return 1;
        }
        // Anything thrown from here on is a bug in the demo or the library: let its stack trace show.
        try (database) {
            tell(database, new Transcript(out));
            return 0;
        }
    }

    private static void tell(DemoDatabase database, Transcript transcript) {
        DSLContext plain = DSL.using(database.dataSource(), database.dialect(), engineSettings(database));
        SocialApp.seed(plain);
        SentStatements sent = new SentStatements();
        DSLContext ctx = DSL.using(configuration(database, sent));

        transcript.heading("softdelete demo: soft deletes for jOOQ, in a small social app");
        transcript.paragraph("Running on " + server(plain) + ", "
                + database.description() + ", migrated with Flyway to the reference schema: a table is"
                + " soft-deletable when it has a deleted_at column, NULL while the row is live, or another"
                + " marker its policy declares, such as a boolean is_deleted flag.");
        transcript.paragraph("Each step shows the jOOQ code, the SQL that jOOQ sent after the soft-delete"
                + " listener rewrote it, and the result. So that the SQL reads well, the demo's jOOQ sends"
                + " it formatted, without schema or quotes, and with values inline"
                + " (StatementType.STATIC_STATEMENT); with default settings the same statements go out"
                + " with bind variables." + (database.dialect() == SQLDialect.MARIADB ? " On MariaDB a delete or"
                + " restore that follows foreign keys runs as several statements in one transaction, on the same"
                + " connection; jOOQ's execute listeners, which this listing comes from, see the first of them." : ""));
        transcript.table("The app's users:", TextTable.of(plain.select(USERS.ID, USERS.EMAIL, USERS.NAME)
                .from(USERS).orderBy(USERS.ID).fetch()));
        transcript.table("Their posts, with five comments and six likes among them:", TextTable.of(plain
                .select(POSTS.ID, USERS.NAME.as("author"), CATEGORIES.NAME.as("category"), POSTS.TITLE)
                .from(POSTS)
                .join(USERS).on(USERS.ID.eq(POSTS.AUTHOR_ID))
                .join(CATEGORIES).on(CATEGORIES.ID.eq(POSTS.CATEGORY_ID))
                .orderBy(POSTS.ID).fetch()));

        List<Step> steps = Story.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepResult result = new StepResult(Transcript.WIDTH - 2);
            sent.takeAll();
            step.action().run(ctx, result);
            transcript.step(i + 1, steps.size(), step, sent.takeAll(), result);
        }
        transcript.paragraph("The end: " + steps.size() + " steps, all on " + database.description() + ".");
    }

    // The generated classes are PostgreSQL's schema "public". On MariaDB a schema is a database, so their tables are
    // named without it, in the scratch database the connections use; and their OffsetDateTime values are bound as
    // such (jOOQ's default text with an offset is refused there in strict mode).
    private static Settings engineSettings(DemoDatabase database) {
        Settings settings = new Settings();
        return database.dialect() == SQLDialect.MARIADB ? settings.withRenderSchema(false).withBindOffsetDateTimeType(true)
                : settings;
    }

    private static String server(DSLContext plain) {
        if (plain.dialect() == SQLDialect.MARIADB) {
            String version = String.valueOf(plain.fetchValue("SELECT VERSION()"));
            return "MariaDB " + version.substring(0, version.indexOf('-') < 0 ? version.length() : version.indexOf('-'));
        }
        return "PostgreSQL " + plain.fetchValue("SHOW server_version");
    }

    private static Configuration configuration(DemoDatabase database, SentStatements sent) {
        Settings readable = engineSettings(database)
                .withRenderFormatted(true)
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withRenderKeywordCase(RenderKeywordCase.UPPER)
                .withStatementType(StatementType.STATIC_STATEMENT);
        Configuration configuration = new DefaultConfiguration()
                .set(database.dataSource())
                .set(database.dialect())
                .set(readable)
                .set(new DefaultExecuteListenerProvider(sent));
        // The policy softdelete-codegen generated from the reference schema, with its ON DELETE rules.
        return SoftDelete.install(configuration, SoftDeletes.POLICY);
    }
}
