package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * An upsert whose ON CONFLICT names the columns of a partial unique index over live rows (users_email_live_key,
 * {@code WHERE deleted_at IS NULL}) without its predicate: PostgreSQL finds no index (42P10); the library says which
 * predicate to add. With the predicate, the upsert works.
 */
@PostgresTest
class UpsertOnPartialIndexTest extends SeededDatabaseTest {

    @Test
    void onConflictWithoutThePartialIndexPredicate_refusedNamingThePredicateToAdd() {
        assertThatThrownBy(() -> ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("alice@example.com", "again")
                .onConflict(USERS.EMAIL).doNothing().execute())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot upsert into \"users\" with ON CONFLICT (email)")
            .hasMessageContaining("ON CONFLICT (email) WHERE deleted_at is null")
            .hasMessageContaining("Nothing was written");
        assertThat(plain.fetchCount(USERS, USERS.NAME.eq("again"))).isZero();
    }

    @Test
    void onConflictWithThePredicate_upserts() {
        int count = ctx.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("alice@example.com", "again")
            .onConflict(USERS.EMAIL).where(USERS.DELETED_AT.isNull()).doUpdate().set(USERS.NAME, "renamed").execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchValue(USERS.NAME, USERS.EMAIL.eq("alice@example.com").and(USERS.DELETED_AT.isNull()))).isEqualTo("renamed");
    }
}
