package io.github.softdelete;

import static io.github.softdelete.fixture.MarkerTables.DOCUMENTS;
import static io.github.softdelete.fixture.MarkerTables.FILES;
import static io.github.softdelete.fixture.MarkerTables.NOTES;
import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.fixture.MarkerTables.Documents;
import io.github.softdelete.fixture.MarkerTables.Files;

/** The SQL each marker kind produces, and the checks of bad markers and actors. */
class MarkerKindsTest {

    private static final SoftDeletePolicy POLICY = SoftDeletePolicy.builder()
        .table(USERS, USERS.DELETED_AT)
        .table(DOCUMENTS, Marker.flag(DOCUMENTS.IS_DELETED).deletedBy(DOCUMENTS.DELETED_BY))
        .table(FILES, Marker.flagAndTimestamp(FILES.REMOVED, FILES.REMOVED_AT).deletedBy(FILES.REMOVED_BY))
        .table(NOTES, Marker.flag(NOTES.HIDDEN))
        .build();
    private static final DSLContext CTX = DSL.using(SoftDelete.install(new DefaultConfiguration()
        .set(SQLDialect.POSTGRES).set(new Settings().withRenderSchema(false)), POLICY));
    private static final Documents D = DOCUMENTS.as("d");
    private static final Files F = FILES.as("f");

    static Stream<Arguments> shapes() {
        return Stream.of(
            shape("flag_live_notFlag", ctx -> ctx.select(D.TITLE).from(D),
                "select \"d\".\"title\" from \"documents\" as \"d\" where not \"d\".\"is_deleted\""),
            shape("flag_onlyDeleted_flag", ctx -> SoftDelete.onlyDeleted(ctx).select(D.TITLE).from(D),
                "select \"d\".\"title\" from \"documents\" as \"d\" where \"d\".\"is_deleted\""),
            shape("flag_includeDeleted_noPredicate", ctx -> SoftDelete.includeDeleted(ctx).select(D.TITLE).from(D),
                "select \"d\".\"title\" from \"documents\" as \"d\""),
            shape("nullableFlag_live_isNotTrue", ctx -> ctx.select(NOTES.ID).from(NOTES),
                "select \"notes\".\"id\" from \"notes\" where \"notes\".\"hidden\" is not true"),
            shape("nullableFlag_onlyDeleted_isTrue", ctx -> SoftDelete.onlyDeleted(ctx).select(NOTES.ID).from(NOTES),
                "select \"notes\".\"id\" from \"notes\" where \"notes\".\"hidden\" is true"),
            shape("flagAndTimestamp_liveByFlag", ctx -> ctx.select(F.ID).from(F),
                "select \"f\".\"id\" from \"files\" as \"f\" where not \"f\".\"removed\""),
            shape("flag_leftJoin_inOn", ctx -> ctx.select(USERS.EMAIL).from(USERS).leftJoin(D).on(D.ID.eq(USERS.ID)),
                "select \"users\".\"email\" from \"users\" left outer join \"documents\" as \"d\" on (\"d\".\"id\" = \"users\".\"id\""
                    + " and not \"d\".\"is_deleted\") where \"users\".\"deleted_at\" is null"),
            shape("flag_fullJoin_nullExtendedCountsAsLive", ctx -> ctx.select(USERS.EMAIL).from(USERS).fullJoin(D).on(D.ID.eq(USERS.ID)),
                "select \"users\".\"email\" from \"users\" full outer join \"documents\" as \"d\" on (\"d\".\"id\" = \"users\".\"id\""
                    + " and (\"users\".\"deleted_at\" is null) = (\"d\".\"is_deleted\" is not true))"
                    + " where (\"users\".\"deleted_at\" is null and \"d\".\"is_deleted\" is not true)"),
            shape("flag_delete_setsFlagAndActor", ctx -> SoftDelete.withActor(ctx, "alice").deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(1L)),
                "update \"documents\" set \"is_deleted\" = true, \"deleted_by\" = 'alice'"
                    + " where (\"documents\".\"id\" = ? and not \"documents\".\"is_deleted\")"),
            shape("flagAndTimestamp_delete_setsAll", ctx -> SoftDelete.withActor(ctx, 42L).deleteFrom(FILES).where(FILES.ID.eq(1L)).returning(FILES.ID),
                "update \"files\" set \"removed\" = true, \"removed_at\" = statement_timestamp(), \"removed_by\" = 42"
                    + " where (\"files\".\"id\" = ? and not \"files\".\"removed\") returning \"files\".\"id\""),
            shape("nullableFlag_delete", ctx -> ctx.deleteFrom(NOTES).where(NOTES.ID.eq(1L)),
                "update \"notes\" set \"hidden\" = true where (\"notes\".\"id\" = ? and \"notes\".\"hidden\" is not true)"),
            shape("flag_update_skipsDeleted", ctx -> ctx.update(DOCUMENTS).set(DOCUMENTS.TITLE, "t").where(DOCUMENTS.ID.eq(1L)),
                "update \"documents\" set \"title\" = ? where (\"documents\".\"id\" = ? and not \"documents\".\"is_deleted\")"),
            shape("flag_deleteUsing_filtersUsingToo", ctx -> ctx.deleteFrom(USERS).using(D).where(D.ID.eq(USERS.ID)),
                "update \"users\" set \"deleted_at\" = statement_timestamp() from \"documents\" as \"d\" where (\"d\".\"id\" = \"users\".\"id\""
                    + " and \"users\".\"deleted_at\" is null and not \"d\".\"is_deleted\")"),
            shape("flag_hardDelete_plainDelete", ctx -> SoftDelete.hardDelete(ctx).deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(1L)),
                "delete from \"documents\" where \"documents\".\"id\" = ?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void rendersExpectedSql(String name, Function<DSLContext, Query> query, String expected) {
        assertThat(query.apply(CTX).getSQL()).isEqualTo(expected);
    }

    @Test
    void delete_deletedByWithoutActor_refusedBeforeSending() {
        assertThatThrownBy(() -> CTX.deleteFrom(DOCUMENTS).where(DOCUMENTS.ID.eq(1L)).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("its deleted-by column \"documents\".deleted_by needs to know who deletes, and no actor was given")
            .hasMessageContaining("SoftDelete.withActor(ctx, actor)");
    }

    @Test
    void withActor_typeOfAnotherColumn_namesTableColumnAndType() {
        assertThatThrownBy(() -> SoftDelete.withActor(CTX, "alice").deleteFrom(FILES).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("the actor alice (a java.lang.String) does not fit the deleted-by column \"files\".removed_by"
                + " of type java.lang.Long; give an actor of type java.lang.Long; nothing was sent");
        assertThatThrownBy(() -> SoftDelete.withActor(CTX, 7))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not fit the deleted-by column");
    }

    @Test
    void withActor_doesNotLeakToParentContext() {
        DSLContext withActor = SoftDelete.withActor(CTX, "alice");

        assertThat(withActor.deleteFrom(DOCUMENTS).getSQL()).contains("'alice'");
        assertThatThrownBy(() -> CTX.deleteFrom(DOCUMENTS).getSQL()).isInstanceOf(SoftDeleteException.class);
    }

    @Test
    void withActor_policyWithoutDeletedBy_refused() {
        DSLContext plain = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES),
            SoftDeletePolicy.builder().table(USERS, USERS.DELETED_AT).build()));

        assertThatThrownBy(() -> SoftDelete.withActor(plain, "alice"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no table of the installed soft-delete policy has a deleted-by column");
    }

    @Test
    void actorSupplier_usedWhenContextHasNone() {
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES)
            .set(new Settings().withRenderSchema(false)), SoftDeletePolicy.builder()
            .table(DOCUMENTS, Marker.flag(DOCUMENTS.IS_DELETED).deletedBy(DOCUMENTS.DELETED_BY)).actor(() -> "system").build()));

        assertThat(ctx.deleteFrom(DOCUMENTS).getSQL()).contains("\"deleted_by\" = 'system'");
        assertThat(SoftDelete.withActor(ctx, "alice").deleteFrom(DOCUMENTS).getSQL()).contains("\"deleted_by\" = 'alice'");
    }

    @Test
    void actorSupplier_withoutDeletedByColumn_refusedAtBuild() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(USERS, USERS.DELETED_AT).actor(() -> "x").build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("an actor supplier was given, but no table has a deleted-by column");
    }

    @Test
    void build_flagOfWrongType_namesTableColumnAndFix() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(POSTS, Marker.flag(POSTS.TITLE)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("flag \"posts\".title has the type java.lang.String, but a flag marker must be a boolean column");
    }

    @Test
    void build_timestampThatIsABoolean_pointsToFlag() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(DOCUMENTS, DOCUMENTS.IS_DELETED).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("marker \"documents\".is_deleted has the unsupported type java.lang.Boolean")
            .hasMessageContaining("Marker.flag(column)");
    }

    @Test
    void build_deletedByOfAnotherTable_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(NOTES, Marker.flag(NOTES.HIDDEN).deletedBy(DOCUMENTS.DELETED_BY)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("marker \"documents\".deleted_by belongs to another table than \"notes\"");
    }

    @Test
    void build_oneColumnTwoRoles_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(FILES, Marker.flagAndTimestamp(FILES.REMOVED, FILES.REMOVED_AT).deletedBy(FILES.REMOVED)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("column \"files\".removed has two roles");
    }

    @Test
    void update_writingDeletedBy_refused() {
        assertThatThrownBy(() -> CTX.update(DOCUMENTS).set(DOCUMENTS.DELETED_BY, "mallory").getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot write the soft-delete marker \"documents\".deleted_by in an UPDATE");
    }

    @Test
    void insert_flagFalse_allowed_flagTrue_refused() {
        assertThat(CTX.insertInto(DOCUMENTS, DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED).values("a", false).getSQL()).startsWith("insert");
        assertThatThrownBy(() -> CTX.insertInto(DOCUMENTS, DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED).values("a", true).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("\"documents\".is_deleted in an INSERT");
    }

    @Test
    void marker_returnsKindAndColumns() {
        Marker marker = POLICY.marker(F).orElseThrow();

        assertThat(marker.kind()).isEqualTo(Marker.Kind.FLAG_AND_TIMESTAMP);
        assertThat(marker.columns()).containsExactly(FILES.REMOVED, FILES.REMOVED_AT, FILES.REMOVED_BY);
        assertThat(POLICY.marker(F).map(Marker::stateColumn)).contains(FILES.REMOVED);
    }

    private static Arguments shape(String name, Function<DSLContext, Query> query, String expected) {
        return Arguments.of(name, query, expected);
    }
}
