package io.github.softdelete.it.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * A restore through children marked by a flag plus a timestamp, including a self-referencing key: the
 * child comes back when its flag is set and its timestamp is its parent's stamp, and only then. The
 * reference schema reaches no such child in a restore (its flag-and-timestamp table hangs from a
 * flag-only one), so the test builds its own schema: {@code owners} (timestamp) and {@code notes}
 * (flag {@code removed} plus {@code removed_at}), whose replies are notes too.
 */
@PostgresTest
class FlagAndTimestampRestoreTest extends SeededDatabaseTest {

    /** The policy of the schema {@code frs}. */
    private static DSLContext frs;
    private static Table<?> owners;

    @BeforeAll
    static void createSchema() {
        plain.execute("drop schema if exists frs cascade");
        plain.execute("create schema frs");
        plain.execute("create table frs.owners (id bigint primary key, deleted_at timestamptz)");
        plain.execute("create table frs.notes (id bigint primary key,"
            + " owner_id bigint not null references frs.owners on delete cascade,"
            + " parent_id bigint references frs.notes on delete cascade,"
            + " removed boolean not null default false, removed_at timestamptz)");
        plain.execute("create index on frs.notes (owner_id, removed)");
        plain.execute("create index on frs.notes (parent_id, removed)");
        Schema schema = plain.meta().getSchemas("frs").get(0);
        owners = schema.getTable("owners");
        Table<?> notes = schema.getTable("notes");
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(notes, Marker.flagAndTimestamp(notes.field("removed"), notes.field("removed_at")))
            .database(plain, "frs")
            .build();
        frs = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    @Override
    protected void seed(DSLContext plain) {
        plain.execute("truncate frs.notes, frs.owners");
        plain.execute("insert into frs.owners values (1, null), (2, null)");
        // 10 <- 11 <- 12: a thread of owner 1's; 20: owner 1's, removed earlier on its own;
        // 30: owner 1's; 31: owner 2's reply to 11, reached only through parent_id.
        plain.execute("insert into frs.notes (id, owner_id, parent_id) values (10, 1, null), (11, 1, 10), (12, 1, 11), (30, 1, null), (31, 2, 11)");
        plain.execute("insert into frs.notes (id, owner_id, removed, removed_at) values (20, 1, true, timestamptz '2020-01-01 00:00:00+00')");
    }

    @Test
    void restore_bringsBackTheFlaggedRowsOfTheSameDelete_notRowsWhoseFlagSaysLive() {
        frs.deleteFrom(owners).where(field(name("id")).eq(1L)).execute();
        String stamp = plain.fetchOne("select deleted_at::text from frs.owners where id = 1").get(0, String.class);
        assertThat(notes(stamp)).containsEntry(10L, "removed at the owner's stamp").containsEntry(12L, "removed at the owner's stamp")
            .containsEntry(31L, "removed at the owner's stamp").containsEntry(20L, "removed 2020-01-01 00:00:00+00");
        // By hand, 30 and 31 are made live again, their flags cleared and their timestamps left: the flag
        // decides, so they are live rows that only happen to carry the delete's stamp.
        plain.execute("update frs.notes set removed = false where id in (30, 31)");

        int restored = SoftDelete.restore(frs, owners, field(name("id")).eq(1L));

        assertThat(restored).isEqualTo(1);
        Map<Long, String> expected = new LinkedHashMap<>();
        expected.put(10L, "live");
        expected.put(11L, "live");
        expected.put(12L, "live");
        expected.put(20L, "removed 2020-01-01 00:00:00+00");
        expected.put(30L, "live, with the owner's stamp");
        expected.put(31L, "live, with the owner's stamp");
        assertThat(notes(stamp)).isEqualTo(expected);
    }

    // Each note's state: live, or removed at the stamp of the owner's delete or at another time.
    private static Map<Long, String> notes(String stamp) {
        Map<Long, String> states = new LinkedHashMap<>();
        plain.resultQuery("select n.id, case"
                + " when not n.removed and n.removed_at is null then 'live'"
                + " when not n.removed and n.removed_at = {0} then 'live, with the owner''s stamp'"
                + " when n.removed and n.removed_at = {0} then 'removed at the owner''s stamp'"
                + " when n.removed then 'removed ' || to_char(n.removed_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'"
                + " else 'live, with timestamp ' || n.removed_at end"
                + " from frs.notes n order by n.id", DSL.inline(stamp).cast(SQLDataType.TIMESTAMPWITHTIMEZONE))
            .fetch().forEach(r -> states.put(r.get(0, Long.class), r.get(1, String.class)));
        return states;
    }
}
