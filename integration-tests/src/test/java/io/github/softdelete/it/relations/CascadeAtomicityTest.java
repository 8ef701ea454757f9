package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/** A failure in the middle of a cascade leaves every table as it was, with or without a transaction. */
@PostgresTest
class CascadeAtomicityTest extends SeededDatabaseTest {

    @BeforeAll
    static void installFailingTrigger() {
        plain.execute("create function fail_on_like_update() returns trigger language plpgsql as $$"
            + " begin raise exception 'injected failure in the middle of the cascade'; end $$");
        plain.execute("create trigger likes_fail before update on likes for each row execute function fail_on_like_update()");
    }

    @AfterAll
    static void dropTrigger() {
        plain.execute("drop trigger likes_fail on likes");
    }

    @Override
    protected void seed(DSLContext plain) {
        TreeData.reset(plain);
    }

    @Test
    void failureInLikes_outsideTransaction_changesNothing() {
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute())
            .isInstanceOf(DataAccessException.class)
            .hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void failureInLikes_insideTransaction_changesNothing() {
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> ctx.transaction(tx -> tx.dsl().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute()))
            .hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }

    @Test
    void failureInLikes_duringRestore_changesNothing() {
        plain.execute("alter table likes disable trigger likes_fail");
        ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        plain.execute("alter table likes enable trigger likes_fail");
        List<String> before = TreeData.state(plain);

        assertThatThrownBy(() -> SoftDelete.restore(ctx, USERS, USERS.ID.eq(1L))).hasMessageContaining("injected failure");
        assertThat(TreeData.state(plain)).isEqualTo(before);
    }
}
