package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Refusals and constraint names on a server whose messages are German ({@code lc_messages = de_DE.UTF-8}):
 * other words, and other quotes ({@code »...«}), for the same SQLSTATE.
 *
 * <p>It needs a server with PostgreSQL's German message catalog and the {@code de_DE.UTF-8} locale,
 * named by {@code SOFTDELETE_GERMAN_JDBC_URL} (with {@code SOFTDELETE_GERMAN_JDBC_USER} and
 * {@code ..._PASSWORD}), a superuser, because {@code lc_messages} is a superuser setting. The embedded
 * server cannot be that server: the zonky binaries ship no message catalogs. Debian's
 * {@code postgresql-15} can, after {@code localedef -i de_DE -f UTF-8 de_DE.UTF-8}. Without it the test
 * fails under CI (the {@code CI} variable is set) and is reported as aborted, with this reason, elsewhere.
 */
class NonEnglishServerTest {

    static final String URL = "SOFTDELETE_GERMAN_JDBC_URL";

    private static PostgresServer server;
    private static TestDatabase database;
    private static DSLContext plain;
    private static DSLContext ctx;

    @BeforeAll
    static void connect() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank())
            prerequisiteMissing(URL + " is not set");
        server = PostgresServers.connect(url, System.getenv(URL.replace("URL", "USER")), System.getenv(URL.replace("URL", "PASSWORD")));
        database = server.createMigratedDatabase("german");
        PGSimpleDataSource german = new PGSimpleDataSource();
        german.setURL(database.jdbcUrl());
        german.setUser(database.user());
        german.setPassword(database.password());
        german.setOptions("-c lc_messages=de_DE.UTF-8");
        plain = DSL.using(german, SQLDialect.POSTGRES);
        requireGermanMessages();
        ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(german).set(SQLDialect.POSTGRES), SoftDeleteDatabase.POLICY));
    }

    @AfterAll
    static void close() {
        if (server != null)
            server.close();
    }

    @BeforeEach
    void resetData() {
        ReferenceData.reset(plain);
    }

    @Test
    void restrictRefusal_germanMessage_reportedAsSoftDeleteExceptionNamingTheKey() {
        assertThatThrownBy(() -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot soft-delete from \"categories\"")
            .hasMessageContaining("posts_category_id_fkey")
            .satisfies(e -> assertThat((Throwable) ((java.sql.SQLException) e.getCause()).getNextException())
                .as("the server's German error, out of the printed chain").hasMessageContaining("»softdelete-restrict:posts_category_id_fkey«"));
        assertThat(plain.fetchValue(CATEGORIES.DELETED_AT, CATEGORIES.ID.eq(1L))).isNull();
    }

    @Test
    void restoreRefusal_deletedParent_germanMessage_namesTheKey() {
        assertThatThrownBy(() -> SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(11L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("parent row in \"categories\"")
            .hasMessageContaining("posts_category_id_fkey");
        assertThat(plain.fetchValue(POSTS.DELETED_AT, POSTS.ID.eq(11L))).isNotNull();
    }

    @Test
    void restoreUniqueConflict_germanMessage_namesTheConstraint() {
        ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("carol@example.com", "new carol").execute();

        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(3L)))
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("unique constraint users_email_live_key")
            .cause().hasMessageContaining("»users_email_live_key«");
        assertThat(plain.fetchValue(USERS.DELETED_AT, USERS.ID.eq(3L))).isNotNull();
    }

    // The test proves nothing on an English server, so make sure the server really answers in German.
    private static void requireGermanMessages() {
        try {
            plain.fetch("select 1 / 0");
            fail("select 1 / 0 did not fail");
        } catch (DataAccessException e) {
            if (!String.valueOf(e.getMessage()).contains("Division durch Null"))
                prerequisiteMissing("the server at " + database.jdbcUrl() + " does not answer in German with lc_messages ="
                    + " de_DE.UTF-8 (it said: " + e.getMessage() + "); it needs PostgreSQL's German message catalog");
        }
    }

    private static void prerequisiteMissing(String problem) {
        String message = "NonEnglishServerTest needs a PostgreSQL server that speaks German: " + problem + ". Set " + URL
            + " (and " + URL.replace("URL", "USER") + ", " + URL.replace("URL", "PASSWORD") + ") to a superuser on a server with"
            + " the German message catalog and the de_DE.UTF-8 locale, e.g. Debian's postgresql-15 after"
            + " 'localedef -i de_DE -f UTF-8 de_DE.UTF-8' (the embedded test server ships no message catalogs)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"))
            fail(message);
        Assumptions.abort(message);
    }
}
