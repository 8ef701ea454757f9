package io.github.softdelete.examples.docs;

import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The code the README and docs/ show, run on PostgreSQL: each {@code snippet:begin} region is a
 * documented block ({@link DocumentationSnippetsTest} checks that they match), and each test checks
 * that the block does what the page says.
 */
@PostgresTest
class DocumentedUsageTest {

    private DSLContext plain;
    private DataSource dataSource;

    @BeforeEach
    void setUp(TestDatabase database) {
        plain = database.dsl();
        dataSource = database.dataSource();
        plain.truncate(USERS).cascade().execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(7L, "grace@example.com", "Grace").execute();
        plain.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(42L, 7L, "Compilers").execute();
    }

    @Test
    void readmeQuickStart_deletesCascadesAndRestores() {
        // snippet:begin readme-quick-start
        Configuration configuration = new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES);
        SoftDelete.install(configuration, SoftDeletes.POLICY);    // the policy softdelete-codegen generated
        DSLContext ctx = DSL.using(configuration);

        ctx.deleteFrom(USERS).where(USERS.ID.eq(7L)).execute();  // UPDATE users SET deleted_at = ..., and their posts
        ctx.selectFrom(POSTS).fetch();                           // live posts only
        SoftDelete.restore(ctx, USERS, USERS.ID.eq(7L));         // the user and exactly what the delete took
        // snippet:end readme-quick-start

        assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.isNull())).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNull())).isEqualTo(1);
        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isZero();
    }

    @Test
    void quickStartDelete_cascadesToPosts() {
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(dataSource)
            .set(SQLDialect.POSTGRES), SoftDeletes.POLICY));

        ctx.deleteFrom(USERS).where(USERS.ID.eq(7L)).execute();

        assertThat(ctx.selectFrom(POSTS).fetch()).isEmpty();
        assertThat(plain.fetchCount(POSTS, POSTS.DELETED_AT.isNotNull())).isEqualTo(1);
    }

    @Test
    void usingInstall_fromDatabase_deletesReadsAndRestores() {
        // snippet:begin using-install
        Configuration configuration = new DefaultConfiguration()
            .set(dataSource)
            .set(SQLDialect.POSTGRES);
        // every table with deleted_at, and each foreign key's ON DELETE rule as the database has it
        SoftDelete.install(configuration, SoftDeletePolicy.fromDatabase(DSL.using(configuration), "public"));
        DSLContext ctx = DSL.using(configuration);

        ctx.deleteFrom(POSTS).where(POSTS.ID.eq(42L)).execute();     // UPDATE posts SET deleted_at = ...
        ctx.selectFrom(POSTS).fetch();                                // live posts only
        SoftDelete.onlyDeleted(ctx).selectFrom(POSTS).fetch();        // the deleted ones
        SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(42L));             // and back
        // snippet:end using-install

        assertThat(ctx.selectFrom(POSTS).fetch(POSTS.ID)).containsExactly(42L);
        assertThat(SoftDelete.onlyDeleted(ctx).selectFrom(POSTS).fetch()).isEmpty();
    }

    @Test
    void allowMarkerWrites_insertsADeletedRow() {
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(dataSource)
            .set(SQLDialect.POSTGRES), SoftDeletes.POLICY));
        OffsetDateTime deletedAt = OffsetDateTime.parse("2024-01-01T00:00:00Z");

        // snippet:begin allow-marker-writes
        SoftDelete.allowMarkerWrites(ctx).insertInto(USERS, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
            .values("old@example.com", "Old", deletedAt).execute();
        // snippet:end allow-marker-writes

        assertThat(plain.fetchCount(USERS, USERS.EMAIL.eq("old@example.com").and(USERS.DELETED_AT.eq(deletedAt))))
            .isEqualTo(1);
        assertThat(ctx.fetchCount(USERS)).isEqualTo(1);
    }
}
