package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import java.util.function.Function;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.fixture.TestSchema.Posts;
import io.github.softdelete.fixture.TestSchema.Users;

/** The SQL the listener renders for representative shapes, without a database. */
class RenderedSqlTest {

    private static final DSLContext PLAIN = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
        .set(new Settings().withRenderSchema(false)));
    private static final DSLContext CTX = DSL.using(SoftDelete.install(new DefaultConfiguration()
        .set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false)), SoftDeletePolicy.forSchema(PUBLIC)));
    private static final Posts P = POSTS.as("p");
    private static final Users U = USERS.as("u");

    static Stream<Arguments> shapes() {
        return Stream.of(
            shape("pkLookup", ctx -> ctx.selectFrom(POSTS).where(POSTS.ID.eq(1L)),
                "select \"posts\".\"id\", \"posts\".\"author_id\", \"posts\".\"title\", \"posts\".\"deleted_at\" from \"posts\""
                    + " where (\"posts\".\"id\" = ? and \"posts\".\"deleted_at\" is null)"),
            shape("alias_qualifiesByAlias", ctx -> ctx.select(P.TITLE).from(P),
                "select \"p\".\"title\" from \"posts\" as \"p\" where \"p\".\"deleted_at\" is null"),
            shape("innerJoin_joinedTableInOn", ctx -> ctx.select(P.TITLE).from(P).join(U).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and \"u\".\"deleted_at\" is null) where \"p\".\"deleted_at\" is null"),
            shape("leftJoin_nullExtendedSideInOn", ctx -> ctx.select(P.TITLE).from(P).leftJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" left outer join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and \"u\".\"deleted_at\" is null) where \"p\".\"deleted_at\" is null"),
            shape("rightJoin_leftSideInOn", ctx -> ctx.select(P.TITLE).from(P).rightJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" right outer join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and \"p\".\"deleted_at\" is null) where \"u\".\"deleted_at\" is null"),
            shape("fullJoin_bothSidesInOnAndWhere", ctx -> ctx.select(P.TITLE).from(P).fullJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" full outer join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and (\"p\".\"deleted_at\" is null) = (\"u\".\"deleted_at\" is null))"
                    + " where (\"p\".\"deleted_at\" is null and \"u\".\"deleted_at\" is null)"),
            // the fixture's tables have no primary key, so a null-extended row is recognised by its ctid
            shape("fullJoin_onlyDeleted_keepsNullExtendedRows", ctx -> SoftDelete.onlyDeleted(ctx).select(P.TITLE).from(P).fullJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" full outer join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and (\"p\".\"deleted_at\" is not null or \"p\".\"ctid\" is null) = (\"u\".\"deleted_at\" is not null or \"u\".\"ctid\" is null))"
                    + " where ((\"p\".\"deleted_at\" is not null or \"p\".\"ctid\" is null) and (\"u\".\"deleted_at\" is not null or \"u\".\"ctid\" is null))"),
            shape("leftJoinUsing_nullExtendedSideFilteredBeforeTheJoin", ctx -> ctx.select(P.TITLE).from(P).leftJoin(U).using(USERS.ID),
                "select \"p\".\"title\" from \"posts\" as \"p\" left outer join (\"users\" as \"u\" join (select) as \"softdelete_u\""
                    + " on \"u\".\"deleted_at\" is null) using (\"id\") where \"p\".\"deleted_at\" is null"),
            // joins associate to the left, so jOOQ needs no parentheses around a filtered left side
            shape("naturalRightJoin_leftSideFilteredBeforeTheJoin", ctx -> ctx.select(USERS.EMAIL).from(POSTS).naturalRightOuterJoin(USERS),
                "select \"users\".\"email\" from \"posts\" join (select) as \"softdelete_posts\" on \"posts\".\"deleted_at\" is null"
                    + " natural right outer join \"users\" where \"users\".\"deleted_at\" is null"),
            shape("fullJoinUsing_bothSidesFilteredBeforeTheJoin_nothingLeftToWhere", ctx -> ctx.select(P.TITLE).from(P).fullJoin(U).using(USERS.ID),
                "select \"p\".\"title\" from \"posts\" as \"p\" join (select) as \"softdelete_p\" on \"p\".\"deleted_at\" is null"
                    + " full outer join (\"users\" as \"u\" join (select) as \"softdelete_u\" on \"u\".\"deleted_at\" is null) using (\"id\")"),
            shape("outerApplyOfTable_becomesLeftJoinOn", ctx -> ctx.select(P.TITLE).from(P).outerApply(U),
                "select \"p\".\"title\" from \"posts\" as \"p\" left outer join \"users\" as \"u\" on \"u\".\"deleted_at\" is null"
                    + " where \"p\".\"deleted_at\" is null"),
            shape("lateralOfTable_filteredLikeTheTable", ctx -> ctx.select(P.TITLE).from(P).leftJoin(DSL.lateral(U)).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" left outer join \"users\" as \"u\" on (\"u\".\"id\" = \"p\".\"author_id\""
                    + " and \"u\".\"deleted_at\" is null) where \"p\".\"deleted_at\" is null"),
            shape("crossJoin_bothInWhere", ctx -> ctx.select(P.TITLE).from(P).crossJoin(U),
                "select \"p\".\"title\" from \"posts\" as \"p\" cross join \"users\" as \"u\""
                    + " where (\"p\".\"deleted_at\" is null and \"u\".\"deleted_at\" is null)"),
            shape("notSoftDeletable_untouched", ctx -> ctx.selectFrom(TAGS).where(TAGS.NAME.eq("x")),
                "select \"tags\".\"id\", \"tags\".\"name\" from \"tags\" where \"tags\".\"name\" = ?"),
            shape("plainNamedTable_matchedByName", ctx -> ctx.selectCount().from(table(name("public", "posts"))),
                "select count(*) from \"posts\" where \"posts\".\"deleted_at\" is null"),
            shape("existsSubquery_filteredOnItsOwn", ctx -> ctx.select(U.EMAIL).from(U)
                    .where(exists(selectOne().from(P).where(P.AUTHOR_ID.eq(U.ID)))),
                "select \"u\".\"email\" from \"users\" as \"u\" where (exists (select 1 as \"one\" from \"posts\" as \"p\""
                    + " where (\"p\".\"author_id\" = \"u\".\"id\" and \"p\".\"deleted_at\" is null)) and \"u\".\"deleted_at\" is null)"),
            shape("union_eachBranch", ctx -> ctx.select(P.ID).from(P).union(select(U.ID).from(U)),
                "select \"p\".\"id\" from \"posts\" as \"p\" where \"p\".\"deleted_at\" is null"
                    + " union select \"u\".\"id\" from \"users\" as \"u\" where \"u\".\"deleted_at\" is null"),
            shape("includeDeleted_thatTableUnfiltered", ctx -> ctx.select(P.TITLE).from(P)
                    .join(SoftDelete.includeDeleted(U)).on(U.ID.eq(P.AUTHOR_ID)),
                "select \"p\".\"title\" from \"posts\" as \"p\" join \"users\" as \"u\" on \"u\".\"id\" = \"p\".\"author_id\""
                    + " where \"p\".\"deleted_at\" is null"),
            shape("onlyDeleted_isNotNull", ctx -> SoftDelete.onlyDeleted(ctx).select(P.TITLE).from(P),
                "select \"p\".\"title\" from \"posts\" as \"p\" where \"p\".\"deleted_at\" is not null"),
            shape("includeDeleted_noPredicate", ctx -> SoftDelete.includeDeleted(ctx).select(P.TITLE).from(P),
                "select \"p\".\"title\" from \"posts\" as \"p\""),
            shape("delete_becomesUpdate", ctx -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)),
                "update \"posts\" set \"deleted_at\" = statement_timestamp() where (\"posts\".\"id\" = ? and \"posts\".\"deleted_at\" is null)"),
            shape("deleteReturning_keepsReturning", ctx -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)).returning(POSTS.ID),
                "update \"posts\" set \"deleted_at\" = statement_timestamp() where (\"posts\".\"id\" = ? and \"posts\".\"deleted_at\" is null)"
                    + " returning \"posts\".\"id\""),
            shape("deleteUsing_becomesUpdateFrom", ctx -> ctx.deleteFrom(POSTS).using(USERS).where(POSTS.AUTHOR_ID.eq(USERS.ID)),
                "update \"posts\" set \"deleted_at\" = statement_timestamp() from \"users\" where (\"posts\".\"author_id\" = \"users\".\"id\""
                    + " and \"posts\".\"deleted_at\" is null and \"users\".\"deleted_at\" is null)"),
            shape("hardDelete_plainDelete", ctx -> SoftDelete.hardDelete(ctx).deleteFrom(POSTS).where(POSTS.ID.eq(1L)),
                "delete from \"posts\" where \"posts\".\"id\" = ?"),
            shape("update_skipsDeletedRows", ctx -> ctx.update(POSTS).set(POSTS.TITLE, "t").where(POSTS.ID.eq(1L)),
                "update \"posts\" set \"title\" = ? where (\"posts\".\"id\" = ? and \"posts\".\"deleted_at\" is null)"),
            shape("upsert_doUpdateSkipsDeletedRows", ctx -> ctx.insertInto(USERS, USERS.EMAIL).values("a")
                    .onConflict(USERS.EMAIL).where(USERS.DELETED_AT.isNull()).doUpdate().set(USERS.EMAIL, "b"),
                "insert into \"users\" (\"email\") values (?) on conflict (\"email\") where \"deleted_at\" is null"
                    + " do update set \"email\" = ? where \"users\".\"deleted_at\" is null")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void rendersExpectedSql(String name, Function<DSLContext, Query> query, String expected) {
        Query q = query.apply(CTX);
        assertThat(q.getSQL()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void userQueryObject_isNotMutated(String name, Function<DSLContext, Query> query, String expected) {
        Query q = query.apply(CTX);
        String plainBefore = PLAIN.render(q);
        assertThat(q.getSQL()).isEqualTo(expected);
        assertThat(q.getSQL()).isEqualTo(expected);
        assertThat(PLAIN.render(q)).isEqualTo(plainBefore);
    }

    static Stream<Arguments> queriesWithoutSoftDeletableTables() {
        var t = TAGS.as("t");
        return Stream.of(
            Arguments.of("select", (Function<DSLContext, Query>) ctx -> ctx.selectFrom(TAGS).where(TAGS.NAME.eq("x"))),
            Arguments.of("selfJoin", (Function<DSLContext, Query>) ctx -> ctx.select(TAGS.ID).from(TAGS).leftJoin(t).on(t.ID.eq(TAGS.ID))),
            Arguments.of("subquery", (Function<DSLContext, Query>) ctx -> ctx.select(TAGS.ID).from(TAGS).where(exists(selectOne().from(t)))),
            Arguments.of("delete", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(TAGS).where(TAGS.ID.eq(1L))),
            Arguments.of("update", (Function<DSLContext, Query>) ctx -> ctx.update(TAGS).set(TAGS.NAME, "y").where(TAGS.ID.eq(1L))),
            Arguments.of("insert", (Function<DSLContext, Query>) ctx -> ctx.insertInto(TAGS, TAGS.NAME).values("z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queriesWithoutSoftDeletableTables")
    void noSoftDeletableTable_rendersExactlyAsPlainJooq(String name, Function<DSLContext, Query> query) {
        assertThat(query.apply(CTX).getSQL()).isEqualTo(PLAIN.render(query.apply(PLAIN)));
    }

    private static Arguments shape(String name, Function<DSLContext, Query> query, String expected) {
        return Arguments.of(name, query, expected);
    }
}
