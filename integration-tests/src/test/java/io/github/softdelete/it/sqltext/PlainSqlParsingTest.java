package io.github.softdelete.it.sqltext;

import static io.github.softdelete.it.db.Public.PUBLIC;
import static io.github.softdelete.it.db.Tables.LIKES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.PlainSql;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/** {@code PlainSql.PARSE}, the default: jOOQ's own plain SQL is parsed and rewritten like the DSL. */
@PostgresTest
class PlainSqlParsingTest extends SeededDatabaseTest {

    /** The policy of the schema's conventions ({@code schema(PUBLIC)}), as the documentation builds it. */
    private final DSLContext conventions;
    private final DSLContext strict;

    PlainSqlParsingTest() {
        conventions = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.builder().schema(PUBLIC).build()));
        strict = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.builder().schema(PUBLIC)
            .plainSql(PlainSql.REFUSE).build()));
    }

    @Test
    void documentedUsage_parsePlainSql_liveRowsOnly(TestDatabase database) {
        // snippet:begin parse-plain-sql
        DSLContext parsing = DSL.using(SoftDelete.install(database.newConfiguration(),
            SoftDeletePolicy.builder().schema(PUBLIC).build())); // plainSql(PlainSql.PARSE), the default

        Result<Record> live = parsing.fetch("select id from users where id > ?", 1L);
        // snippet:end parse-plain-sql
        assertThat(live.getValues(0, Long.class)).containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void documentedUsage_allowPlainSql_vouchedSqlRunsAsWritten() {
        // snippet:begin allow-plain-sql
        DSLContext vouched = SoftDelete.allowPlainSql(strict);
        Result<Record> live = vouched.fetch("select id from users where deleted_at is null");
        // snippet:end allow-plain-sql

        assertThat(live.getValues(0, Long.class)).containsExactlyInAnyOrder(1L, 2L, 4L);
    }

    @Test
    void fetch_plainSqlStatement_liveRowsOnly() {
        assumeFalse(onMariaDb(), "PostgreSQL shape: LEFT JOIN ... USING over a soft-deletable side, refused on MariaDB");
        assertThat(conventions.fetch("select id from users order by id").getValues(0, Long.class)).containsExactly(1L, 2L, 4L);
        assertThat(conventions.fetch("SELECT ID FROM Users WHERE ID > ? ORDER BY 1", 1L).getValues(0, Long.class)).containsExactly(2L, 4L);
        assertThat(conventions.fetchValue("select count(*) from posts p left join users u using (id)")).isEqualTo(4L);
        assertThat(conventions.fetch("select * from tags left join users using (id) order by id").map(r -> java.util.Arrays.asList(r.intoArray())))
            .containsExactly(java.util.Arrays.asList(1L, "java", "alice@example.com", "alice", null),
                java.util.Arrays.asList(2L, "sql", "bob@example.com", "bob", null), java.util.Arrays.asList(3L, "misc", null, null, null));
    }

    @Test
    void execute_plainSqlDelete_becomesSoftDelete() {
        int count = conventions.execute("delete from likes where user_id = ? and comment_id = ?", 1L, 100L);

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(LIKES, LIKES.USER_ID.eq(1L).and(LIKES.COMMENT_ID.eq(100L)).and(LIKES.DELETED_AT.isNotNull())))
            .isEqualTo(1);
    }

    @Test
    void setCommand_thatJooqParsesAsNothing_runsAsWritten() {
        assumeFalse(onMariaDb(), "PostgreSQL setting statement_timeout");
        String timeout = conventions.transactionResult(tx -> {
            tx.dsl().execute("SET statement_timeout = 12345");
            return String.valueOf(tx.dsl().fetchValue("select current_setting('statement_timeout')"));
        });

        assertThat(timeout).isEqualTo("12345ms");
    }

    @Test
    void plainSqlTable_filteredAsDerivedTable() {
        assertThat(conventions.select(DSL.field("id", Long.class)).from(DSL.table("users")).orderBy(DSL.field("id")).fetch().getValues(0, Long.class))
            .containsExactly(1L, 2L, 4L);
        assertThat(conventions.select(DSL.field("u.id", Long.class)).from(DSL.table("users").as("u")).orderBy(DSL.field("u.id")).fetch().getValues(0, Long.class))
            .containsExactly(1L, 2L, 4L);
    }

    @Test
    void unparseablePlainSql_namingASoftDeletableTable_refused_unlessPassedThroughOrVouchedFor(TestDatabase database) {
        assumeFalse(onMariaDb(), "PostgreSQL cast syntax (::int)");
        String unparseable = "select ntile(id::int) over () from users";

        assertThatThrownBy(() -> conventions.fetch(unparseable)).isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("names a soft-deletable table");
        assertThat(SoftDelete.allowPlainSql(conventions).fetch(unparseable)).hasSize(4);
        DSLContext passing = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.builder().schema(PUBLIC)
            .plainSql(PlainSql.PASS_THROUGH_UNFILTERED).build()));
        assertThat(passing.fetch(unparseable)).hasSize(4);
        assertThat(conventions.fetch("select 1 as one")).as("plain SQL that names no soft-deletable table passes").hasSize(1);
    }

    @Test
    void refusingPolicy_refusesPlainSqlThatNamesASoftDeletableTable_withoutParsing() {
        assertThatThrownBy(() -> strict.fetch("select id from users")).isInstanceOf(SoftDeleteException.class);
        assertThat(SoftDelete.allowPlainSql(strict).fetch("select id from users")).hasSize(4);
    }

    @Test
    void repeatedPlainSql_keptRewrite_eachExecutionWithItsOwnValues() {
        for (long above = 0; above < 5; above++) {
            long threshold = above;
            assertThat(conventions.fetch("select id from users where id > ? order by id", threshold).getValues(0, Long.class))
                .as("live users above " + threshold)
                .isEqualTo(java.util.stream.Stream.of(1L, 2L, 4L).filter(id -> id > threshold).toList());
        }
        assertThat(conventions.fetch("select email from users where email like ? order by id", "%example.com").getValues(0, String.class))
            .as("a value of another type in the same place").hasSize(3);
    }

    @Test
    void plainSqlTheParserFailsOnWithAnotherException_refused_orPassedThroughWhenChosen(TestDatabase database) {
        // jOOQ's parser throws an IllegalStateException here ("Only single-column selects have a scalar type"), not
        // its ParserException: the text is as unread as with one
        String wholeRowOfACte = "with c as (select id from users) select (select * from c where id = 3) as deleted_user";

        assertThatThrownBy(() -> conventions.fetch(wholeRowOfACte)).isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("names a soft-deletable table");
        DSLContext passing = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.builder().schema(PUBLIC)
            .plainSql(PlainSql.PASS_THROUGH_UNFILTERED).build()));
        assertThat(passing.fetchValue(wholeRowOfACte)).isEqualTo(3L);
    }
}
