package io.github.softdelete.internal.render;

import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;

import io.github.softdelete.internal.install.SoftDeleteVisitListener;

/**
 * jOOQ's plain-SQL statements are parsed once per text and way of rendering: later renders replay the kept rewrite
 * with their own bind values, and render exactly as a fresh parse does.
 */
class PlainSqlTextsTest {

    private static DSLContext installed() {
        return DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false)),
            SoftDeletePolicy.forSchema(PUBLIC)));
    }

    @Test
    void sameTextRenderedAgain_oneKeptRewrite_sameSqlAsAFreshParse_ownBindValues() {
        DSLContext ctx = installed();
        Query first = ctx.resultQuery("select id, title from posts where id = ?", 1L);
        Query second = ctx.resultQuery("select id, title from posts where id = ?", 2L);

        String sql = first.getSQL();
        assertThat(sql).isEqualTo("select id, title from posts where (id = ? and posts.\"deleted_at\" is null)");
        assertThat(second.getSQL()).isEqualTo(sql);
        assertThat(second.getBindValues()).containsExactly(2L);
        assertThat(ctx.renderInlined(second)).isEqualTo("select id, title from posts where (id = 2 and posts.\"deleted_at\" is null)");
        assertThat(installed().resultQuery("select id, title from posts where id = ?", 3L).getSQL()).as("a fresh parse").isEqualTo(sql);
        assertThat(texts(ctx).size()).isEqualTo(1);
    }

    @Test
    void deleteAsPlainSql_keptRewriteIsTheCascade_withItsValue() {
        DSLContext ctx = installed();
        Query delete = ctx.query("delete from posts where id = ?", 7L);

        assertThat(delete.getSQL()).startsWith("update").contains("deleted_at");
        assertThat(ctx.query("delete from posts where id = ?", 8L).getBindValues()).containsExactly(8L);
        assertThat(ctx.query("delete from posts where id = ?", 8L).getSQL()).isEqualTo(delete.getSQL());
    }

    private static PlainSqlTexts texts(DSLContext ctx) {
        return SoftDeleteVisitListener.on(ctx.configuration()).cache().plainSqlTexts();
    }
}
