package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

/** Reads of registered views, rendered: inlined and filtered, left alone when they filter, refused when unparsed in strict mode. */
class ViewRenderingTest {

    private static DSLContext ctx(SoftDeletePolicy policy) {
        return DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES)
            .set(new Settings().withRenderSchema(false)), policy));
    }

    @Test
    void read_viewThatDoesNotFilter_inlinedAsFilteredDerivedTable() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().schema(PUBLIC)
            .view(table(name("public", "user_emails")), "SELECT id,\n    email\n   FROM users;").build();

        assertThat(ctx(policy).select(DSL.field(name("user_emails", "email"))).from(table(name("public", "user_emails"))).getSQL())
            .isEqualTo("select \"user_emails\".\"email\" from (select id, email from users where users.\"deleted_at\" is null)"
                + " as \"user_emails\"");
        assertThat(policy.views()).extracting(Object::toString).containsExactly("\"user_emails\" (inlined)");
    }

    @Test
    void read_viewThatFilters_leftAlone() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder().schema(PUBLIC)
            .view(table(name("live_users")), "SELECT id FROM users WHERE (deleted_at IS NULL)").build();

        assertThat(ctx(policy).selectFrom(table(name("live_users"))).getSQL()).isEqualTo("select * from \"live_users\"");
        assertThat(policy.views()).extracting(Object::toString).containsExactly("\"live_users\" (filters)");
    }

    @Test
    void read_unparsedView_refusedByDefault_readAsItIsWhenPlainSqlPassesOrOnAllowPlainSql() {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder().schema(PUBLIC)
            .view(table(name("odd")), "SELECT ((( FROM users");

        assertThatThrownBy(() -> ctx(builder.build()).selectFrom(table(name("odd"))).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot read view \"odd\"")
            .hasMessageContaining("could not be parsed");
        assertThat(SoftDelete.allowPlainSql(ctx(builder.build())).selectFrom(table(name("odd"))).getSQL())
            .isEqualTo("select * from \"odd\"");
        assertThat(ctx(builder.plainSql(PlainSql.PASS_THROUGH_UNFILTERED).build()).selectFrom(table(name("odd"))).getSQL())
            .isEqualTo("select * from \"odd\"");
    }

    @Test
    void build_viewOverNoSoftDeletableTable_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().schema(PUBLIC).view(table(name("t")), "SELECT id FROM tags").build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("view \"t\" reads no soft-deletable table");
    }
}
