package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * The live-parent rule ({@code LiveParentsTest}) for the shapes it first missed: composite foreign keys
 * written through {@code INSERT ... VALUES} and {@code UPDATE ... SET}, and both paths of
 * {@code INSERT ... ON CONFLICT DO UPDATE}. The reference schema has no composite foreign key, so the
 * test builds one in its own schema, with a policy read from that schema's catalog.
 */
@PostgresTest
class LiveParentsCompositeAndUpsertTest extends SeededDatabaseTest {

    private static final Table<?> ACCOUNTS = table(name("cfk", "accounts"));
    private static final Table<?> INVOICES = table(name("cfk", "invoices"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> TENANT = field(name("tenant_id"), Long.class);
    private static final Field<Long> ACCOUNT = field(name("account_id"), Long.class);
    private static final Field<String> NOTE = field(name("note"), String.class);

    private static DSLContext composite;

    @BeforeAll
    static void createSchema() {
        plain.execute("drop schema if exists cfk cascade");
        plain.execute("create schema cfk");
        plain.execute("create table cfk.accounts (tenant_id bigint not null, account_id bigint not null, name text not null,"
            + " deleted_at timestamptz, constraint accounts_pkey primary key (tenant_id, account_id))");
        plain.execute("create table cfk.invoices (id bigint primary key, tenant_id bigint not null, account_id bigint,"
            + " note text not null default 'none', deleted_at timestamptz,"
            + " constraint invoices_account_fkey foreign key (tenant_id, account_id)"
            + " references cfk.accounts (tenant_id, account_id) on delete cascade)");
        SoftDeletePolicy policy = SoftDeletePolicy.builder().database(plain, "cfk").build();
        composite = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    // After the reference rows: these tables are outside the reference schema.
    @BeforeEach
    void seedTheCompositeKeyRows() {
        plain.execute("truncate cfk.invoices, cfk.accounts");
        // (1, 1) and (2, 2) are live; (1, 2) is deleted: each half of its key belongs to a live account
        plain.execute("insert into cfk.accounts values (1, 1, 'one-one', null), (1, 2, 'one-two', now()), (2, 2, 'two-two', null)");
        plain.execute("insert into cfk.invoices values (100, 1, 1, 'first', null)");
    }

    @Test
    void insertValues_compositeKeyOfDeletedParent_refusedNamingTheKey_nothingInserted() {
        assertThatThrownBy(() -> composite.insertInto(INVOICES, ID, TENANT, ACCOUNT).values(1L, 1L, 2L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot write rows of \"invoices\" that reference a deleted row of \"accounts\" through invoices_account_fkey")
            .hasMessageContaining("SoftDelete.allowDeletedParents(ctx)");

        assertThat(plain.fetchCount(INVOICES)).isEqualTo(1);
    }

    @Test
    void insertValues_compositeKeyOfLiveParents_inserted_typesAndDefaultsKept() {
        // each column of the deleted key (1, 2) appears in a live key: only the pair decides
        int inserted = composite.insertInto(INVOICES, ID, TENANT, ACCOUNT, NOTE)
            .values(1L, 1L, 1L, "one").values(2L, 2L, 2L, "two").values(3L, 1L, null, "no account").execute();

        assertThat(inserted).isEqualTo(3);
        assertThat(plain.fetch("select concat_ws(',', id, tenant_id, account_id, note) from cfk.invoices where id < 100 order by id")
            .getValues(0, String.class)).containsExactly("1,1,1,one", "2,2,2,two", "3,1,no account");
        assertThat(composite.insertInto(INVOICES, ID, TENANT, ACCOUNT, NOTE).values(DSL.val(4L), DSL.val(1L), DSL.val(1L), DSL.defaultValue(String.class))
            .returning(ID).fetchOne(ID)).isEqualTo(4L);
        assertThat(plain.fetchValue("select note from cfk.invoices where id = 4")).isEqualTo("none");
    }

    @Test
    void insertValues_severalRows_oneWithDeletedCompositeParent_refusedAsAWhole() {
        assertThatThrownBy(() -> composite.insertInto(INVOICES, ID, TENANT, ACCOUNT)
                .values(1L, 1L, 1L).values(2L, 1L, 2L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");
        assertThat(plain.fetchCount(INVOICES)).isEqualTo(1);
    }

    @Test
    void insertValues_compositeKey_batchBindValuesKeepTheirPlaces() {
        composite.batch(composite.insertInto(INVOICES, ID, TENANT, ACCOUNT, NOTE).values((Long) null, null, null, null))
            .bind(1L, 1L, 1L, "batch one").bind(2L, 2L, 2L, "batch two").execute();
        assertThat(plain.fetchValue("select note from cfk.invoices where id = 2")).isEqualTo("batch two");

        assertThatThrownBy(() -> composite.batch(composite.insertInto(INVOICES, ID, TENANT, ACCOUNT, NOTE).values((Long) null, null, null, null))
                .bind(3L, 1L, 1L, "batch three").bind(4L, 1L, 2L, "batch four").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");
    }

    @Test
    void update_oneColumnOfCompositeKey_toDeletedParent_refused_rowUnchanged() {
        assertThatThrownBy(() -> composite.update(INVOICES).set(ACCOUNT, 2L).where(ID.eq(100L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");

        assertThat(plain.fetchValue("select account_id from cfk.invoices where id = 100")).isEqualTo(1L);
    }

    @Test
    void update_bothColumnsOfCompositeKey_otherColumnBetween_checkedTogether() {
        assertThatThrownBy(() -> composite.update(INVOICES).set(TENANT, 1L).set(NOTE, "moved").set(ACCOUNT, 2L)
                .where(ID.eq(100L)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");

        assertThat(composite.update(INVOICES).set(TENANT, 2L).set(NOTE, "moved").set(ACCOUNT, 2L).where(ID.eq(100L)).execute())
            .isEqualTo(1);
        assertThat(plain.fetch("select tenant_id, account_id, note from cfk.invoices where id = 100").get(0).intoArray())
            .containsExactly(2L, 2L, "moved");
    }

    @Test
    void update_rowAlreadyUnderDeletedCompositeParent_otherColumnsStillUpdatable() {
        SoftDelete.allowDeletedParents(composite).insertInto(INVOICES, ID, TENANT, ACCOUNT).values(5L, 1L, 2L).execute();

        assertThat(composite.update(INVOICES).set(NOTE, "kept").set(TENANT, 1L).where(ID.eq(5L)).execute()).isEqualTo(1);
        assertThat(plain.fetchValue("select note from cfk.invoices where id = 5")).isEqualTo("kept");
    }

    @Test
    void allowDeletedParents_compositeKey_writesTheRow() {
        SoftDelete.allowDeletedParents(composite).insertInto(INVOICES, ID, TENANT, ACCOUNT).values(6L, 1L, 2L).execute();
        SoftDelete.allowDeletedParents(composite).update(INVOICES).set(ACCOUNT, 2L).where(ID.eq(100L)).execute();

        assertThat(plain.fetchValue("select count(*) from cfk.invoices where (tenant_id, account_id) = (1, 2)")).isEqualTo(2L);
    }

    @Test
    void upsert_updateSetCompositeKeyColumnToDeletedParent_refused() {
        assertThatThrownBy(() -> composite.insertInto(INVOICES, ID, TENANT, ACCOUNT).values(100L, 1L, 1L)
                .onConflict(ID).doUpdate().set(ACCOUNT, 2L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");
        assertThat(plain.fetchValue("select account_id from cfk.invoices where id = 100")).isEqualTo(1L);
    }

    @Test
    void upsert_updateSetKeyToDeletedParent_refused_rowUnchanged() {
        // post 10 exists (author 1); user 3 is deleted
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "again")
                .onConflict(POSTS.ID).doUpdate().set(POSTS.AUTHOR_ID, 3L).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");

        assertThat(statements.executed()).hasSize(1);
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(1L);
    }

    @Test
    void upsert_updateSetKeyToLiveParent_updated() {
        assertThat(ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 1L, "again")
            .onConflict(POSTS.ID).doUpdate().set(POSTS.AUTHOR_ID, 2L).execute()).isEqualTo(1);

        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(2L);
    }

    @Test
    void upsert_insertPathWithDeletedParent_refused_evenWhenTheUpdateSetsNoKey() {
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(999L, 3L, "new")
                .onConflict(POSTS.ID).doUpdate().set(POSTS.TITLE, excluded(POSTS.TITLE)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThatThrownBy(() -> composite.insertInto(INVOICES, ID, TENANT, ACCOUNT).values(7L, 1L, 2L)
                .onConflict(ID).doUpdate().set(NOTE, "x").execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("invoices_account_fkey");

        assertThat(plain.fetchCount(POSTS, POSTS.ID.eq(999L))).isZero();
        assertThat(plain.fetchValue("select count(*) from cfk.invoices where id = 7")).isEqualTo(0L);
    }

    @Test
    void upsert_updateFromExcludedKey_deletedParent_refused() {
        assertThatThrownBy(() -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID, POSTS.TITLE).values(10L, 3L, "again")
                .onConflict(POSTS.ID).doUpdate().set(POSTS.AUTHOR_ID, excluded(POSTS.AUTHOR_ID)).execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("posts_author_id_fkey");
        assertThat(plain.fetchValue(POSTS.AUTHOR_ID, POSTS.ID.eq(10L))).isEqualTo(1L);
    }
}
