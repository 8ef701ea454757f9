package io.github.softdelete.it.markers;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.Public;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/** The Java snippets of docs/markers.md, run on the reference schema. */
@PostgresTest
class MarkerDocsSnippetsTest {

    private TestDatabase database;

    @BeforeEach
    void reset(TestDatabase database) {
        this.database = database;
        database.dsl().truncate(USERS).restartIdentity().cascade().execute();
        database.dsl().insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME).values(1L, "ann@example.com", "ann").execute();
        database.dsl().insertInto(DOCUMENTS, DOCUMENTS.ID, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE).values(7L, 1L, "Visa scan").execute();
    }

    @Test
    void declareMarkers_thenDeleteWithActor() {
        DSLContext dsl = database.dsl();
        Configuration configuration = database.newConfiguration();
        // snippet:begin markers-policy
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(DOCUMENTS, Marker.flag(DOCUMENTS.IS_DELETED).deletedBy(DOCUMENTS.DELETED_BY))
            .table(ATTACHMENTS, Marker.flagAndTimestamp(ATTACHMENTS.REMOVED, ATTACHMENTS.REMOVED_AT))
            .table(PRODUCTS, Marker.timestamp(PRODUCTS.ARCHIVED_AT))
            .schema(Public.PUBLIC)                 // every other table with a deleted_at column
            .rulesFromDatabase(dsl, "public")      // each foreign key's ON DELETE rule, from pg_constraint
            .build();
        DSLContext ctx = DSL.using(SoftDelete.install(configuration, policy));
        // snippet:end markers-policy

        // snippet:begin markers-actor
        SoftDelete.withActor(ctx, "ann@example.com")
            .deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(7L)).execute();
        // UPDATE documents SET is_deleted = TRUE, deleted_by = 'ann@example.com'
        // WHERE documents.id = ? AND NOT documents.is_deleted
        // snippet:end markers-actor

        assertThat(dsl.select(DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY).from(DOCUMENTS).fetchOne().intoList())
            .containsExactly(true, "ann@example.com");
        assertThat(ctx.fetchCount(DOCUMENTS)).isZero();
    }

    @Test
    void fromDatabase_cascadesAsTheDatabaseSays() {
        DSLContext dsl = database.dsl();
        Configuration configuration = database.newConfiguration();
        dsl.deleteFrom(DOCUMENTS).execute();
        // snippet:begin markers-from-database
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(dsl, "public");
        // snippet:end markers-from-database
        DSLContext ctx = DSL.using(SoftDelete.install(configuration, policy));

        assertThat(ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()).isEqualTo(1);
    }
}
