package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.Test;

class SoftDeleteContextTest {

    private static Configuration configuration() {
        return new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false));
    }

    @Test
    void install_twice_filtersOnce() {
        Configuration configuration = SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC));
        SoftDelete.install(configuration, SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(DSL.using(configuration).selectCount().from(POSTS).getSQL())
            .isEqualTo("select count(*) from \"posts\" where \"posts\".\"deleted_at\" is null");
        assertThat(configuration.visitListenerProviders()).hasSize(1);
    }

    @Test
    void install_keepsExistingListeners() {
        VisitListener other = new VisitListener() {
            @Override
            public void visitStart(VisitContext context) {
            }
        };
        Configuration configuration = configuration().set(new DefaultVisitListenerProvider(other));

        SoftDelete.install(configuration, SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(configuration.visitListenerProviders()).hasSize(2);
        assertThat(configuration.visitListenerProviders()[0].provide()).isSameAs(other);
    }

    @Test
    void includeDeleted_doesNotLeakToParentContext() {
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC)));

        DSLContext all = SoftDelete.includeDeleted(ctx);

        assertThat(all.selectCount().from(POSTS).getSQL()).isEqualTo("select count(*) from \"posts\"");
        assertThat(ctx.selectCount().from(POSTS).getSQL())
            .isEqualTo("select count(*) from \"posts\" where \"posts\".\"deleted_at\" is null");
    }

    @Test
    void update_writingMarker_refusedWithTableAndColumn() {
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC)));

        assertThatThrownBy(() -> ctx.update(POSTS).set(POSTS.DELETED_AT, OffsetDateTime.now()).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot write the soft-delete marker \"posts\".deleted_at in an UPDATE")
            .hasMessageContaining("SoftDelete.allowMarkerWrites(ctx)");
    }

    @Test
    void insert_explicitNullMarker_allowed() {
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC)));

        assertThat(ctx.insertInto(USERS, USERS.EMAIL, USERS.DELETED_AT).values("a", null).getSQL())
            .isEqualTo("insert into \"users\" (\"email\", \"deleted_at\") values (?, cast(? as timestamp with time zone))");
    }

    @Test
    void insert_markerValue_refusedUnlessAllowed() {
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC)));

        assertThatThrownBy(() -> ctx.insertInto(USERS, USERS.EMAIL, USERS.DELETED_AT).values("a", OffsetDateTime.now()).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("in an INSERT");
        assertThat(SoftDelete.allowMarkerWrites(ctx).insertInto(USERS, USERS.EMAIL, USERS.DELETED_AT)
            .values("a", OffsetDateTime.now()).getSQL())
            .isEqualTo("insert into \"users\" (\"email\", \"deleted_at\") values (?, cast(? as timestamp with time zone))");
    }

    @Test
    void plainSql_strictPolicy_refused() {
        SoftDeletePolicy strict = SoftDeletePolicy.builder().schema(PUBLIC).plainSql(PlainSql.REFUSE).build();
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), strict));

        assertThatThrownBy(() -> ctx.resultQuery("select * from posts").getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("plain SQL \"select * from posts\"");
        assertThat(ctx.selectCount().from(POSTS).getSQL())
            .isEqualTo("select count(*) from \"posts\" where \"posts\".\"deleted_at\" is null");
    }

    @Test
    void merge_intoPolicyTable_refused() {
        DSLContext ctx = DSL.using(SoftDelete.install(configuration(), SoftDeletePolicy.forSchema(PUBLIC)));

        assertThatThrownBy(() -> ctx.mergeInto(USERS).using(DSL.selectOne()).on(DSL.trueCondition())
                .whenMatchedThenUpdate().set(USERS.EMAIL, "x").getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot run a MERGE that names the soft-deletable table \"users\"");
    }

    @Test
    void restore_withoutListener_saysHowToInstall() {
        DSLContext ctx = DSL.using(configuration());

        assertThatThrownBy(() -> SoftDelete.restore(ctx, POSTS, POSTS.ID.eq(1L)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("SoftDelete.install(configuration, policy)");
    }
}
