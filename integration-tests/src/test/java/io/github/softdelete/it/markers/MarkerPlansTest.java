package io.github.softdelete.it.markers;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * The statements built for flag markers stay linear on a 300,000-row tree (1,000 users, 100,000
 * documents, 200,000 attachments) under the indexes the lint recommends (V5: one per foreign key, over
 * all rows, {@code (fk, flag)}), which serve live lookups ({@code fk = ? AND flag = false}) and the
 * restores' lookups among deleted children alike: PostgreSQL plans them with those indexes, and
 * never scans the large tables. Asserts on the plan's shape, never on its time; the plans are printed.
 */
@PostgresTest
class MarkerPlansTest extends SeededDatabaseTest {

    private static DSLContext admin;

    @BeforeAll
    static void load() {
        admin = SoftDelete.withActor(ctx, "admin");
        plain.truncate(USERS).restartIdentity().cascade().execute();
        plain.execute("insert into users (id, email, name) select g, 'u' || g || '@example.com', 'u' || g from generate_series(1, 1000) g");
        plain.execute("insert into documents (id, owner_id, title, is_deleted, deleted_by)"
            + " select g, 1 + g % 1000, 'doc ' || g, g % 10 = 0, case when g % 10 = 0 then 'earlier' end from generate_series(1, 100000) g");
        plain.execute("insert into attachments (id, document_id, file_name, removed, removed_at)"
            + " select g, 1 + g % 100000, 'f' || g, g % 7 = 0, case when g % 7 = 0 then now() - interval '1 day' end"
            + " from generate_series(1, 200000) g");
        plain.execute("analyze");
    }

    /** Keeps the rows {@link #load} loaded once for the class: they take seconds to load, and no test reads what another wrote. */
    @Override
    protected void seed(DSLContext plain) {
    }

    @Test
    void liveRead_ofOneOwnersDocuments_usesAnIndexOnTheOwner() {
        String plan = explain(admin.selectFrom(DOCUMENTS).where(DOCUMENTS.OWNER_ID.eq(5L)), true);

        // documents_owner_id_idx (owner_id, is_deleted), or the smaller live-only unique index that leads with owner_id
        assertThat(plan).containsPattern("Index Cond: \\(+owner_id = 5\\)").doesNotContain("Seq Scan on documents");
    }

    @Test
    void cascadeDelete_userToDocumentsToAttachments_usesTheIndexes() {
        String plan = explain(admin.deleteFrom(USERS).where(USERS.ID.eq(5L)), true);

        assertThat(plan).doesNotContain("Seq Scan on documents").doesNotContain("Seq Scan on attachments")
            .contains("attachments_document_id_idx");
    }

    @Test
    void refusedRestores_checksUseTheIndexes() {
        admin.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(501L)).execute();
        admin.deleteFrom(USERS).where(USERS.ID.eq(7L)).execute();

        // both are refused in the statement (deleted flag-only children), so EXPLAIN without ANALYZE
        String document = explain(restoreSql(DOCUMENTS, DOCUMENTS.ID.eq(501L)));
        String user = explain(restoreSql(USERS, USERS.ID.eq(7L)));

        assertThat(document).doesNotContain("Seq Scan on attachments").doesNotContain("Seq Scan on documents");
        assertThat(user).doesNotContain("Seq Scan on attachments").doesNotContain("Seq Scan on documents");
    }

    // The statement SoftDelete.restore sends, recorded (values inline) while the database refuses it.
    private static String restoreSql(org.jooq.Table<?> table, org.jooq.Condition condition) {
        List<String> sent = new java.util.ArrayList<>();
        org.jooq.ExecuteListener recorder = new org.jooq.ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void executeStart(org.jooq.ExecuteContext c) {
                sent.add(c.sql());
            }
        };
        DSLContext recording = org.jooq.impl.DSL.using(SoftDelete.install(database.newConfiguration()
            .set(new org.jooq.conf.Settings().withStatementType(org.jooq.conf.StatementType.STATIC_STATEMENT))
            .set(org.jooq.impl.DefaultExecuteListenerProvider.providers(recorder)), SoftDeleteDatabase.POLICY));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SoftDelete.restore(recording, table, condition)))
            .isInstanceOf(io.github.softdelete.SoftDeleteException.class);
        return sent.get(sent.size() - 1);
    }

    private static String explain(String sql) {
        String plan = String.join("\n", plain.fetch("explain (costs off) " + sql).getValues(0, String.class));
        System.out.println(sql + "\n" + plan + "\n");
        return plan;
    }

    private static String explain(Query query, boolean analyze) {
        if (query == null)
            return null;
        String sql = admin.renderInlined(query);
        List<String> lines = plain.transactionResult(tx -> {
            List<String> result = tx.dsl().fetch("explain (" + (analyze ? "analyze, " : "") + "costs off) " + sql).getValues(0, String.class);
            tx.dsl().rollback().execute();
            return result;
        });
        String plan = String.join("\n", lines);
        System.out.println(sql + "\n" + plan + "\n");
        return plan;
    }
}
