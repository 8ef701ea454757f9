package io.github.softdelete.it.read;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.all;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectFrom;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.db.tables.Comments;
import io.github.softdelete.it.db.tables.Posts;
import io.github.softdelete.it.db.tables.Users;
import io.github.softdelete.it.db.tables.records.UsersRecord;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.fixture.Rows;
import io.github.softdelete.it.fixture.SoftDeleteDatabase;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * The query-shape matrix: one row per shape, each asserting the exact rows PostgreSQL returns on
 * {@link ReferenceData}. Rows are compared as sorted lists unless the shape orders them. Adding a
 * shape takes one line.
 */
@PostgresTest
class ReadFilteringMatrixTest {

    private static DSLContext ctx;

    private static final Posts P = POSTS.as("p");
    private static final Users U = USERS.as("u");
    private static final Comments C = COMMENTS.as("c");
    private static final Comments PARENT = COMMENTS.as("parent");
    /** Users with {@code id} renamed, so that USING and NATURAL joins with posts match on {@code author_id}. */
    private static final Table<UsersRecord> AUTHORS = USERS.as("a", "author_id", "email", "name", "deleted_at");
    private static final Field<Long> AUTHOR_ID = field(name("author_id"), Long.class);
    private static final Field<String> AUTHOR_NAME = AUTHORS.field("name", String.class);

    @BeforeAll
    static void insertDataset(TestDatabase database) {
        ReferenceData.insert(database.dsl());
        ctx = SoftDeleteDatabase.dsl(database);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
            // FROM, aliases, names
            rows("from_liveRowsOnly", c -> c.select(USERS.ID).from(USERS), "1", "2", "4"),
            rows("pkLookup_deletedRow_notFound", c -> c.select(USERS.ID).from(USERS).where(USERS.ID.eq(3L))),
            rows("pkLookup_liveRow_found", c -> c.selectFrom(USERS).where(USERS.ID.eq(1L)).fetch(USERS.ID).stream().map(String::valueOf).toList(), "1"),
            rows("alias_filteredByAlias", c -> c.select(U.ID).from(U), "1", "2", "4"),
            rows("schemaQualifiedPlainName", c -> c.select(field(name("public", "users", "id"))).from(table(name("public", "users"))), "1", "2", "4"),
            rows("unqualifiedPlainName", c -> c.select(field(name("users", "id"))).from(table(name("users"))), "1", "2", "4"),
            rows("plainNameAlias", c -> c.select(field(name("x", "id"))).from(table(name("posts")).as("x")), "10", "12", "13", "15"),
            rows("inlineDerivedTable_tableWhere", c -> c.select(POSTS.ID).from(POSTS.where(POSTS.AUTHOR_ID.eq(1L))), "10"),
            // joins
            rows("innerJoin_deletedPartnerDropsRow", c -> c.select(P.ID, U.ID).from(P).join(U).on(U.ID.eq(P.AUTHOR_ID)), "10|1", "12|2", "15|4"),
            rows("commaJoin_whereFiltersBoth", c -> c.select(P.ID, U.ID).from(P, U).where(U.ID.eq(P.AUTHOR_ID)), "10|1", "12|2", "15|4"),
            rows("crossJoin_countsLiveRows", c -> c.select(count()).from(POSTS).crossJoin(CATEGORIES), "8"),
            rows("leftJoin_deletedPartnerBecomesNull", c -> c.select(P.ID, U.ID).from(P).leftJoin(U).on(U.ID.eq(P.AUTHOR_ID)), "10|1", "12|2", "13|null", "15|4"),
            rows("leftJoin_preservedSideFiltered", c -> c.select(U.ID, P.ID).from(U).leftJoin(P).on(P.AUTHOR_ID.eq(U.ID)), "1|10", "2|12", "4|15"),
            rows("rightJoin_mirrorOfLeft", c -> c.select(U.ID, P.ID).from(P).rightJoin(U).on(P.AUTHOR_ID.eq(U.ID)), "1|10", "2|12", "4|15"),
            rows("fullJoin_deletedRowsNeverUnmatched", c -> c.select(P.ID, CATEGORIES.ID).from(P).fullJoin(CATEGORIES).on(CATEGORIES.ID.eq(P.CATEGORY_ID)),
                "10|1", "12|1", "13|3", "15|null"),
            rows("fullJoin_nullExtendedBothWays", c -> c.select(U.ID, P.ID).from(U).fullJoin(P).on(P.EDITOR_ID.eq(U.ID)),
                "1|null", "2|10", "4|null", "null|12", "null|13", "null|15"),
            rows("fullJoinOnTrue_countsLiveRows", c -> c.select(count()).from(P).fullJoin(CATEGORIES).on(org.jooq.impl.DSL.trueCondition()), "8"),
            rows("fullJoinOnTrue_oneSideSoftDeletable", c -> c.select(count()).from(P).fullJoin(TAGS).on(org.jooq.impl.DSL.trueCondition()), "12"),
            rows("selfJoin_commentReplies", c -> c.select(C.ID, PARENT.ID).from(C).join(PARENT).on(C.PARENT_ID.eq(PARENT.ID)), "102|100"),
            rows("selfLeftJoin_commentParents", c -> c.select(C.ID, PARENT.ID).from(C).leftJoin(PARENT).on(C.PARENT_ID.eq(PARENT.ID)),
                "100|null", "102|100", "103|null", "104|null"),
            rows("leftJoinOfInnerJoin_nested", c -> c.select(P.ID, C.ID).from(P)
                    .leftJoin(C.join(U).on(C.AUTHOR_ID.eq(U.ID))).on(C.POST_ID.eq(P.ID)),
                "10|100", "10|102", "12|103", "13|null", "15|null"),
            rows("threeTableJoin_likes", c -> c.select(LIKES.USER_ID, LIKES.COMMENT_ID).from(LIKES)
                    .join(COMMENTS).on(LIKES.COMMENT_ID.eq(COMMENTS.ID)).join(USERS).on(LIKES.USER_ID.eq(USERS.ID)),
                "1|100", "1|103", "2|102", "2|104"),
            rows("joinThroughNonSoftDeletable_postTags", c -> c.select(POST_TAGS.TAG_ID, POSTS.ID).from(POST_TAGS).join(POSTS).on(POSTS.ID.eq(POST_TAGS.POST_ID)),
                "1|10", "2|10", "2|12", "3|13"),
            // outer joins without ON: the null-extended side is filtered before the join
            rows("leftJoinUsing_deletedPartnerBecomesNull", c -> c.select(P.ID, AUTHOR_NAME).from(P).leftJoin(AUTHORS).using(AUTHOR_ID),
                "10|alice", "12|bob", "13|null", "15|dave"),
            rows("leftJoinUsing_mergedColumnUnqualified", c -> c.select(AUTHOR_ID, P.ID).from(P).leftJoin(AUTHORS).using(AUTHOR_ID),
                "1|10", "2|12", "3|13", "4|15"),
            rows("leftJoinUsing_selectStar_schemaQualifiedReferences", c -> c.select().from(TAGS).leftJoin(USERS).using(TAGS.ID)
                    .where(USERS.NAME.isNull().or(USERS.NAME.ne("nobody"))),
                "1|java|1|alice@example.com|alice|null", "2|sql|2|bob@example.com|bob|null", "3|misc|null|null|null|null"),
            rows("leftJoinUsing_asterisk_sameColumnsAsTheTable", c -> c.select(DSL.asterisk()).from(table(name("tags")))
                    .leftJoin(table(name("users"))).using(field(name("id"))),
                "1|java|alice@example.com|alice|null", "2|sql|bob@example.com|bob|null", "3|misc|null|null|null"),
            rows("naturalLeftJoin_deletedPartnerBecomesNull", c -> c.select(P.ID, AUTHOR_NAME).from(P)
                    .naturalLeftOuterJoin(USERS.as("a", "author_id", "email", "name", "removed")),
                "10|alice", "12|bob", "13|null", "15|dave"),
            rows("rightJoinUsing_mirrorOfLeft", c -> c.select(TAGS.ID, USERS.NAME).from(USERS).rightJoin(TAGS).using(TAGS.ID),
                "1|alice", "2|bob", "3|null"),
            rows("naturalRightJoin_deletedPartnerBecomesNull", c -> c.select(AUTHOR_NAME, P.ID)
                    .from(USERS.as("a", "author_id", "email", "name", "removed")).naturalRightOuterJoin(P),
                "alice|10", "bob|12", "dave|15", "null|13"),
            rows("fullJoinUsing_oneSideSoftDeletable", c -> c.select(field(name("id")), TAGS.NAME, USERS.NAME).from(TAGS).fullJoin(USERS).using(TAGS.ID),
                "1|java|alice", "2|sql|bob", "3|misc|null", "4|null|dave"),
            rows("fullJoinUsing_bothSidesSoftDeletable", c -> c.select(P.ID, AUTHOR_NAME).from(P).fullJoin(AUTHORS).using(AUTHOR_ID),
                "10|alice", "12|bob", "13|null", "15|dave"),
            // fuzz regression (read seed -4064235824271301918, case 427): a FULL USING join inside another
            // outer join was filtered twice ("softdelete_users" specified more than once)
            rows("fullJoinUsing_nestedInFullJoinUsing", c -> c.select(field(name("id")), TAGS.NAME, USERS.NAME, CATEGORIES.NAME)
                    .from(TAGS).fullJoin(USERS).using(TAGS.ID).fullJoin(CATEGORIES).using(TAGS.ID),
                "1|java|alice|tech", "2|sql|bob|null", "3|misc|null|misc", "4|null|dave|null"),
            rows("onlyDeleted_fullJoinUsing_nestedInFullJoinUsing", c -> SoftDelete.onlyDeleted(c)
                    .select(field(name("id")), TAGS.NAME, USERS.NAME, CATEGORIES.NAME)
                    .from(TAGS).fullJoin(USERS).using(TAGS.ID).fullJoin(CATEGORIES).using(TAGS.ID),
                "1|java|null|null", "2|sql|null|life", "3|misc|carol|null"),
            rows("onlyDeleted_leftJoinUsing", c -> SoftDelete.onlyDeleted(c).select(TAGS.ID, USERS.NAME).from(TAGS).leftJoin(USERS).using(TAGS.ID),
                "1|null", "2|null", "3|carol"),
            rows("leftJoinUsing_nestedInnerJoinSide", c -> c.select(TAGS.ID, USERS.NAME, LIKES.COMMENT_ID).from(TAGS)
                    .leftJoin(USERS.join(LIKES).on(LIKES.USER_ID.eq(USERS.ID))).using(TAGS.ID),
                "1|alice|100", "1|alice|101", "1|alice|103", "2|bob|102", "2|bob|104", "3|null|null"),
            value("outerApply_table_countsLiveRows", c -> c.fetchValue(select(count()).from(P).outerApply(U)), "12"),
            rows("outerApply_lateralSubquery", c -> c.select(U.ID, field(name("x", "id"))).from(U)
                    .outerApply(select(P.ID).from(P).where(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L))).asTable("x")),
                "1|null", "2|null", "4|15"),
            rows("leftJoinLateral_onTrue", c -> c.select(U.ID, field(name("x", "id"))).from(U)
                    .leftJoin(lateral(select(P.ID).from(P).where(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L)))).as("x")).on(DSL.trueCondition()),
                "1|null", "2|null", "4|15"),
            rows("leftJoinLateralTable_filteredLikeTheTable", c -> c.select(P.ID, U.ID).from(P).leftJoin(lateral(U)).on(U.ID.eq(P.AUTHOR_ID)),
                "10|1", "12|2", "13|null", "15|4"),
            rows("leftSemiJoin", c -> c.select(U.ID).from(U).leftSemiJoin(P).on(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L))), "4"),
            rows("leftAntiJoin", c -> c.select(U.ID).from(U).leftAntiJoin(P).on(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L))), "1", "2"),
            rows("implicitPathJoin_toOne", c -> c.select(COMMENTS.ID, COMMENTS.posts().TITLE).from(COMMENTS), "100|a1", "102|a1", "103|b1"),
            rows("implicitPathJoin_nullableToOne", c -> c.select(POSTS.ID, POSTS.categories().NAME).from(POSTS),
                "10|tech", "12|tech", "13|misc", "15|null"),
            // subqueries
            rows("exists", c -> c.select(U.ID).from(U).where(exists(selectOne().from(P).where(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L))))), "4"),
            rows("notExists", c -> c.select(U.ID).from(U).where(notExists(selectOne().from(P).where(P.AUTHOR_ID.eq(U.ID).and(P.CATEGORY_ID.eq(2L))))), "1", "2"),
            rows("inSubquery", c -> c.select(P.ID).from(P).where(P.AUTHOR_ID.in(select(U.ID).from(U))), "10", "12", "15"),
            rows("notInSubquery", c -> c.select(P.ID).from(P).where(P.AUTHOR_ID.notIn(select(U.ID).from(U))), "13"),
            rows("anySubquery", c -> c.select(P.ID).from(P).where(P.AUTHOR_ID.eq(any(select(U.ID).from(U)))), "10", "12", "15"),
            rows("allSubquery", c -> c.select(U.ID).from(U).where(U.ID.gt(all(select(P.EDITOR_ID).from(P).where(P.EDITOR_ID.isNotNull())))), "4"),
            rows("scalarSubqueryInSelect", c -> c.select(U.ID, field(selectCount().from(P).where(P.AUTHOR_ID.eq(U.ID)))).from(U), "1|1", "2|1", "4|1"),
            rows("scalarSubqueryInWhere", c -> c.select(P.ID).from(P).where(field(selectCount().from(C).where(C.POST_ID.eq(P.ID))).ge(1)), "10", "12"),
            rows("subqueriesThreeDeep", c -> c.select(USERS.ID).from(USERS).where(USERS.ID.in(select(POSTS.AUTHOR_ID).from(POSTS)
                    .where(POSTS.ID.in(select(COMMENTS.POST_ID).from(COMMENTS).where(COMMENTS.ID.in(select(LIKES.COMMENT_ID).from(LIKES).where(LIKES.USER_ID.eq(4L))))))))),
            rows("derivedTable_count", c -> c.select(count()).from(selectFrom(POSTS).asTable("t")), "4"),
            rows("derivedTable_joined", c -> c.select(field(name("t", "id"))).from(select(POSTS.ID, POSTS.AUTHOR_ID).from(POSTS).asTable("t"))
                    .join(U).on(U.ID.eq(field(name("t", "author_id"), Long.class))), "10", "12", "15"),
            rows("lateral_firstPostPerUser", c -> c.select(U.ID, field(name("x", "id"))).from(U)
                    .crossJoin(lateral(select(P.ID).from(P).where(P.AUTHOR_ID.eq(U.ID)).orderBy(P.ID).limit(1)).as("x")),
                "1|10", "2|12", "4|15"),
            rows("cte", c -> {
                CommonTableExpression<Record1<Long>> live = name("live_posts").as(select(POSTS.ID).from(POSTS));
                return c.with(live).select(count()).from(live);
            }, "4"),
            rows("recursiveCte_commentThread", c -> {
                Field<Long> id = field(name("t", "id"), Long.class);
                CommonTableExpression<?> thread = name("t").fields("id").as(select(COMMENTS.ID).from(COMMENTS)
                    .where(COMMENTS.PARENT_ID.isNull().and(COMMENTS.POST_ID.eq(12L)))
                    .unionAll(select(C.ID).from(C).join(table(name("t"))).on(C.PARENT_ID.eq(id))));
                return c.withRecursive(thread).select(id).from(thread);
            }, "103"),
            // set operations
            rows("union", c -> c.select(USERS.NAME).from(USERS).union(select(POSTS.TITLE).from(POSTS)),
                "a1", "alice", "b1", "bob", "c1", "d1", "dave"),
            rows("unionAll", c -> c.select(USERS.ID).from(USERS).unionAll(select(U.ID).from(U)), "1", "1", "2", "2", "4", "4"),
            rows("intersect", c -> c.select(USERS.ID).from(USERS).intersect(select(POSTS.AUTHOR_ID).from(POSTS)), "1", "2", "4"),
            rows("except", c -> c.select(POSTS.AUTHOR_ID).from(POSTS).except(select(USERS.ID).from(USERS)), "3"),
            rows("unionInDerivedTable_count", c -> c.select(count()).from(select(USERS.ID).from(USERS).unionAll(select(POSTS.ID).from(POSTS)).asTable("t")), "7"),
            // aggregates, grouping, ordering
            rows("groupByCount", c -> c.select(POSTS.AUTHOR_ID, count()).from(POSTS).groupBy(POSTS.AUTHOR_ID), "1|1", "2|1", "3|1", "4|1"),
            rows("having", c -> c.select(COMMENTS.POST_ID, count()).from(COMMENTS).groupBy(COMMENTS.POST_ID).having(count().gt(1)), "10|2"),
            rows("minMaxSum", c -> c.select(min(POSTS.ID), max(POSTS.ID), sum(POSTS.ID)).from(POSTS), "10|15|50"),
            rows("countDistinct", c -> c.select(countDistinct(POSTS.EDITOR_ID)).from(POSTS), "2"),
            rows("distinct", c -> c.selectDistinct(COMMENTS.AUTHOR_ID).from(COMMENTS), "1", "2"),
            rows("distinctOn", c -> c.select(POSTS.AUTHOR_ID, POSTS.ID).distinctOn(POSTS.AUTHOR_ID).from(POSTS).orderBy(POSTS.AUTHOR_ID, POSTS.ID.desc()),
                "1|10", "2|12", "3|13", "4|15"),
            ordered("orderByLimit", c -> c.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID.desc()).limit(2), "15", "13"),
            ordered("orderByOffset", c -> c.select(POSTS.ID).from(POSTS).orderBy(POSTS.ID).limit(2).offset(1), "12", "13"),
            rows("windowFunction", c -> c.select(POSTS.ID, rowNumber().over().orderBy(POSTS.ID)).from(POSTS), "10|1", "12|2", "13|3", "15|4"),
            rows("leftJoinGroupByCount", c -> c.select(U.ID, count(C.ID)).from(U).leftJoin(C).on(C.AUTHOR_ID.eq(U.ID)).groupBy(U.ID),
                "1|2", "2|2", "4|0"),
            rows("forUpdate_liveRow", c -> c.select(USERS.ID).from(USERS).where(USERS.ID.in(1L, 3L)).forUpdate(), "1"),
            rows("existsInSelectList", c -> c.select(U.ID, field(exists(selectOne().from(C).where(C.AUTHOR_ID.eq(U.ID))))).from(U),
                "1|true", "2|true", "4|false"),
            // the DSLContext shortcuts
            value("fetchCount_table", c -> c.fetchCount(USERS), "3"),
            value("fetchCount_select", c -> c.fetchCount(selectFrom(COMMENTS)), "4"),
            value("fetchExists_deletedRow", c -> c.fetchExists(USERS, USERS.ID.eq(3L)), "false"),
            value("fetchOne_deletedRow", c -> c.fetchOne(USERS, USERS.ID.eq(3L)), "null"),
            value("fetchValue_count", c -> c.fetchValue(selectCount().from(LIKES)), "6"),
            // modes and per-table opt-out
            rows("includeDeleted_allRows", c -> SoftDelete.includeDeleted(c).select(USERS.ID).from(USERS), "1", "2", "3", "4"),
            rows("includeDeleted_leftJoin", c -> SoftDelete.includeDeleted(c).select(P.ID, U.ID).from(P).leftJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "10|1", "11|1", "12|2", "13|3", "14|2", "15|4"),
            rows("onlyDeleted_users", c -> SoftDelete.onlyDeleted(c).select(USERS.ID).from(USERS), "3"),
            rows("onlyDeleted_posts", c -> SoftDelete.onlyDeleted(c).select(POSTS.ID).from(POSTS), "11", "14"),
            rows("onlyDeleted_notSoftDeletableUnaffected", c -> SoftDelete.onlyDeleted(c).select(TAGS.ID).from(TAGS), "1", "2", "3"),
            rows("onlyDeleted_subquery", c -> SoftDelete.onlyDeleted(c).select(COMMENTS.ID).from(COMMENTS)
                    .where(COMMENTS.AUTHOR_ID.in(select(USERS.ID).from(USERS))), "101"),
            rows("onlyDeleted_fullJoin_keepsNullExtendedRows", c -> SoftDelete.onlyDeleted(c).select(P.ID, U.ID).from(P).fullJoin(U).on(U.ID.eq(P.AUTHOR_ID)),
                "11|null", "14|null", "null|3"),
            rows("includeDeleted_join", c -> c.select(P.ID, U.ID).from(P).join(SoftDelete.includeDeleted(U)).on(U.ID.eq(P.AUTHOR_ID)),
                "10|1", "12|2", "13|3", "15|4"),
            rows("includeDeleted_selectFrom", c -> c.selectFrom(SoftDelete.includeDeleted(USERS)).fetch(USERS.ID).stream().map(String::valueOf).toList(),
                "1", "2", "3", "4"),
            rows("includeDeleted_otherTablesStayFiltered", c -> c.select(C.ID).from(C).join(SoftDelete.includeDeleted(POSTS)).on(POSTS.ID.eq(C.POST_ID)),
                "100", "102", "103", "104")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shape_returnsExactlyTheExpectedRows(String name, Shape shape, TestDatabase database) {
        if (database.dialect() == SQLDialect.MARIADB && MARIADB_SERVER_REFUSES.contains(name)) {
            assertThatThrownBy(() -> shape.run(ctx)).as("MariaDB has no such syntax")
                .isInstanceOf(DataAccessException.class).hasMessageContaining("(conn=");
            return;
        }
        if (database.dialect() == SQLDialect.MARIADB && MARIADB_LIBRARY_REFUSES.contains(name)) {
            assertThatThrownBy(() -> shape.run(ctx)).isInstanceOf(SoftDeleteException.class)
                .hasMessageContaining("JOIN without an ON clause (USING or NATURAL) on MariaDB");
            // (a FULL JOIN ... USING is refused by the library before the server, which has no FULL JOIN at all)
            return;
        }
        assertThat(shape.run(ctx)).isEqualTo(shape.expected());
    }

    /** Shapes whose syntax MariaDB 10.11 lacks (FULL JOIN, LATERAL and OUTER APPLY of a subquery): the server refuses them. */
    static final Set<String> MARIADB_SERVER_REFUSES = Set.of("fullJoin_deletedRowsNeverUnmatched", "fullJoin_nullExtendedBothWays",
        "fullJoinOnTrue_countsLiveRows", "fullJoinOnTrue_oneSideSoftDeletable", "onlyDeleted_fullJoin_keepsNullExtendedRows", "outerApply_lateralSubquery", "leftJoinLateral_onTrue", "lateral_firstPostPerUser");

    /** Outer joins without ON over a soft-deletable null-extended side: the library refuses them on MariaDB (NullExtendedSides). */
    static final Set<String> MARIADB_LIBRARY_REFUSES = Set.of("leftJoinUsing_deletedPartnerBecomesNull", "leftJoinUsing_mergedColumnUnqualified",
        "leftJoinUsing_selectStar_schemaQualifiedReferences", "leftJoinUsing_asterisk_sameColumnsAsTheTable", "naturalLeftJoin_deletedPartnerBecomesNull",
        "rightJoinUsing_mirrorOfLeft", "naturalRightJoin_deletedPartnerBecomesNull", "onlyDeleted_leftJoinUsing", "leftJoinUsing_nestedInnerJoinSide",
        "fullJoinUsing_oneSideSoftDeletable", "fullJoinUsing_bothSidesSoftDeletable", "fullJoinUsing_nestedInFullJoinUsing",
        "onlyDeleted_fullJoinUsing_nestedInFullJoinUsing");

    /**
     * The matrix can fail: run without the listener, the dataset makes almost every shape return
     * deleted rows. The exceptions are the shapes whose expected rows are the unfiltered ones
     * (includeDeleted, includeDeleted, tables that are not soft-deletable) and aggregates whose
     * deleted rows happen not to change the value.
     */
    @org.junit.jupiter.api.Test
    void matrix_withoutListener_detectsLeaks(TestDatabase database) {
        List<String> unchanged = shapes()
            .filter(arguments -> {
                Shape shape = (Shape) arguments.get()[1];
                try {
                    return shape.run(database.dsl()).equals(shape.expected());
                } catch (RuntimeException e) {
                    return false;
                }
            })
            .map(arguments -> (String) arguments.get()[0])
            .toList();

        assertThat(unchanged).containsExactlyInAnyOrder(UNFILTERED_BY_DESIGN);
    }

    private static final String[] UNFILTERED_BY_DESIGN = {
        "includeDeleted_allRows", "includeDeleted_leftJoin", "onlyDeleted_notSoftDeletableUnaffected",
        "includeDeleted_selectFrom", "pkLookup_liveRow_found" };

    private static Arguments rows(String name, Function<DSLContext, Object> query, String... expected) {
        return Arguments.of(name, new Shape(query, List.of(expected), false));
    }

    private static Arguments ordered(String name, Function<DSLContext, Object> query, String... expected) {
        return Arguments.of(name, new Shape(query, List.of(expected), true));
    }

    private static Arguments value(String name, Function<DSLContext, Object> query, String expected) {
        return Arguments.of(name, new Shape(c -> String.valueOf(query.apply(c)), List.of(expected), true));
    }

    /** One query shape: what to run, and the rows it must return. */
    record Shape(Function<DSLContext, Object> query, List<String> expected, boolean ordered) {

        List<String> run(DSLContext ctx) {
            Object result = query.apply(ctx);
            List<String> rows = result instanceof ResultQuery<?> q ? Rows.of(q.fetch())
                : result instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(result));
            return ordered ? rows : rows.stream().sorted().toList();
        }

        @Override
        public String toString() {
            return Arrays.toString(expected.toArray());
        }
    }

}
