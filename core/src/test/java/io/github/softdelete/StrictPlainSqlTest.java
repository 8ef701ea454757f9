package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strict plain-SQL mode reads the text token by token: it refuses only text that names a soft-deletable table. */
class StrictPlainSqlTest {

    private static final DSLContext STRICT = DSL.using(SoftDelete.install(new DefaultConfiguration()
        .set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false)),
        SoftDeletePolicy.builder().schema(PUBLIC).plainSql(PlainSql.REFUSE).build()));

    static Stream<Arguments> conditions() {
        return Stream.of(
            refused("exists (select 1 from posts)"),
            refused("exists (table posts)"),
            refused("exists (TABLE Posts)"),
            refused("exists (select 1 from public.posts)"),
            refused("exists (select 1 from \"posts\")"),
            refused("id in (select author_id from posts p where p.title = 'x')"),
            refused("exists (select 1 from tags join users u on true)"),
            refused("id = any (array(select id from/* c */posts))"),
            allowed("id > 1"),
            allowed("name = 'select * from posts'"),
            allowed("name = E'it\\'s from posts'"),
            allowed("name = $$table posts$$"),
            allowed("name = $q$ posts $q$"),
            allowed("name <> 'it''s posts'"),
            allowed("id > 1 -- from posts"),
            allowed("id > 1 /* from /* nested */ posts */"),
            allowed("\"posts_archive\".id > 1"),
            allowed("\"Posts\" > 1"),
            allowed("posts.id > 1"),
            allowed("exists (select 1 from tags where tags.name = 'users')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void plainSqlCondition_refusedOnlyWhenItNamesASoftDeletableTable(String text, boolean refused) {
        if (refused)
            assertThatThrownBy(() -> STRICT.select(TAGS.ID).from(TAGS).where(DSL.condition(text)).getSQL())
                .isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("it names a soft-deletable table")
                .hasMessageContaining("SoftDelete.allowPlainSql(ctx)");
        else
            assertThat(STRICT.select(TAGS.ID).from(TAGS).where(DSL.condition(text)).getSQL()).contains(text);
    }

    @Test
    void plainSqlStatement_withoutSoftDeletableTables_allowed() {
        assertThat(STRICT.resultQuery("select 1").getSQL()).isEqualTo("select 1");
        assertThat(STRICT.query("SET statement_timeout = 0").getSQL()).isEqualTo("SET statement_timeout = 0");
        assertThat(STRICT.select(DSL.field("name")).from(DSL.table("tags")).getSQL()).isEqualTo("select name from tags");
    }

    @Test
    void plainSqlPiecesThatNameNothing_renderAsWritten() {
        DSLContext plain = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
        assertThat(STRICT.select(DSL.count(), DSL.field("? + ?", Integer.class, 1, 2)).from(TAGS).getSQL())
            .isEqualTo(plain.select(DSL.count(), DSL.field("? + ?", Integer.class, 1, 2)).from(TAGS).getSQL())
            .contains("count(*)");
        assertThatThrownBy(() -> STRICT.select(DSL.field("{0} + 1", Integer.class, DSL.field("(select 1 from posts)")))
            .from(TAGS).getSQL()).isInstanceOf(SoftDeleteException.class);
    }

    @Test
    void plainSqlStatement_namingSoftDeletableTable_refused() {
        assertThatThrownBy(() -> STRICT.query("truncate posts").getSQL()).isInstanceOf(SoftDeleteException.class);
        assertThatThrownBy(() -> STRICT.query("delete from users").getSQL()).isInstanceOf(SoftDeleteException.class);
        assertThatThrownBy(() -> STRICT.select(DSL.field("id")).from(DSL.table("users")).getSQL())
            .isInstanceOf(SoftDeleteException.class);
    }

    @Test
    void allowPlainSql_vouchedSql_rendersUnchecked_andOnlyInThatContext() {
        DSLContext vouched = SoftDelete.allowPlainSql(STRICT);

        assertThat(vouched.resultQuery("select * from posts where deleted_at is null").getSQL())
            .isEqualTo("select * from posts where deleted_at is null");
        assertThatThrownBy(() -> STRICT.resultQuery("select * from posts where deleted_at is null").getSQL())
            .isInstanceOf(SoftDeleteException.class);
    }

    private static Arguments refused(String text) {
        return Arguments.of(text, true);
    }

    private static Arguments allowed(String text) {
        return Arguments.of(text, false);
    }
}
