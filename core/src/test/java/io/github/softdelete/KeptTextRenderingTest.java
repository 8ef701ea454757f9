package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text that the listener renders once and replays (a cascading DELETE's plan, the check of a
 * foreign-key value) renders exactly as the first, full render did, under every setting and
 * parameter style, and follows settings that change after it was kept.
 */
class KeptTextRenderingTest {

    static Stream<Arguments> statements() {
        return Stream.of(
            Arguments.of("delete_byKey", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L))),
            Arguments.of("delete_everyRow", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(USERS)),
            Arguments.of("delete_combinedCondition", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(USERS)
                .where(USERS.ID.in(1L, 2L).and(USERS.ID.between(0L, 9L)).or(USERS.ID.isNull()))),
            Arguments.of("delete_subqueryCondition", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(USERS)
                .where(USERS.ID.in(DSL.select(POSTS.AUTHOR_ID).from(POSTS)))),
            Arguments.of("delete_inlineValue", (Function<DSLContext, Query>) ctx -> ctx.deleteFrom(USERS).where(USERS.ID.eq(DSL.inline(3L)))),
            Arguments.of("insert_foreignKeyValue", (Function<DSLContext, Query>) ctx -> ctx.insertInto(POSTS)
                .set(POSTS.ID, 5L).set(POSTS.AUTHOR_ID, 1L)),
            Arguments.of("insert_twoRows", (Function<DSLContext, Query>) ctx -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID)
                .values(5L, 1L).values(6L, 2L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void replayedText_rendersAsTheFullRender(String name, Function<DSLContext, Query> statement) {
        for (Settings settings : List.of(new Settings(), new Settings().withRenderKeywordCase(RenderKeywordCase.UPPER),
                new Settings().withParamType(ParamType.NAMED), new Settings().withRenderSchema(false),
                new Settings().withRenderFormatted(true))) {
            DSLContext ctx = context(settings);
            Query query = statement.apply(ctx);
            // Binding walks the whole statement while nothing is kept, and only the holes once text is.
            List<Object> bindsOfTheWholeStatement = context(settings).extractBindValues(query);
            String full = ctx.render(query);
            String inlined = ctx.renderInlined(query);
            String named = ctx.renderNamedParams(query);
            List<Object> binds = ctx.extractBindValues(query);
            assertThat(binds).as(name + " " + settings + ": bind values once text is kept").isEqualTo(bindsOfTheWholeStatement);
            for (int i = 0; i < 3; i++) {
                assertThat(ctx.render(query)).as(name + " " + settings).isEqualTo(full);
                assertThat(ctx.renderInlined(query)).isEqualTo(inlined);
                assertThat(ctx.renderNamedParams(query)).isEqualTo(named);
                assertThat(ctx.extractBindValues(query)).isEqualTo(binds);
            }
            assertThat(full).as("a cascade, or a checked foreign key").contains("softdelete_");
            assertThat(context(settings).render(statement.apply(ctx))).isEqualTo(full);
        }
    }

    @Test
    void settingsChangedAfterARender_nextRenderFollowsThem() {
        DSLContext ctx = context(new Settings());
        Query delete = ctx.deleteFrom(USERS).where(USERS.ID.eq(1L));
        assertThat(ctx.render(delete)).startsWith("with ").contains("statement_timestamp()");

        ctx.settings().setRenderKeywordCase(RenderKeywordCase.UPPER);

        assertThat(ctx.render(delete)).startsWith("WITH ")
            .isEqualTo(context(new Settings().withRenderKeywordCase(RenderKeywordCase.UPPER)).render(delete));
    }

    // More distinct settings than SettingsSnapshots shares (8) and than a kept text holds (4), all on one
    // policy: each render must equal the full render of a policy that has kept nothing yet.
    @Test
    void moreDistinctSettingsThanShared_eachRendersAsItsFullRender() {
        SoftDeletePolicy policy = policy();
        for (int round = 0; round < 2; round++)
            for (RenderKeywordCase keywords : RenderKeywordCase.values())
                for (RenderQuotedNames quoting : RenderQuotedNames.values()) {
                    Settings settings = new Settings().withRenderKeywordCase(keywords).withRenderQuotedNames(quoting);
                    DSLContext shared = context(policy, settings);
                    for (Function<DSLContext, Query> statement : List.<Function<DSLContext, Query>>of(
                            ctx -> ctx.deleteFrom(USERS).where(USERS.ID.eq(1L)),
                            ctx -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID).values(5L, 1L).values(6L, 2L)))
                        assertThat(shared.render(statement.apply(shared))).as(keywords + " keywords, " + quoting + " quoting")
                            .isEqualTo(context(settings).render(statement.apply(shared)));
                }
    }

    // Two checked values in one render look at the same kept text twice; the settings are compared once
    // per render, so a change between renders must still be followed by both.
    @Test
    void settingsChangedAfterARender_everyKeptTextOfTheNextRenderFollowsThem() {
        DSLContext ctx = context(new Settings());
        Query insert = ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID).values(5L, 1L).values(6L, 2L);
        String lower = ctx.render(insert);
        assertThat(ctx.render(insert)).isEqualTo(lower);

        ctx.settings().setRenderKeywordCase(RenderKeywordCase.UPPER);

        String upper = ctx.render(insert);
        assertThat(upper).isEqualTo(context(new Settings().withRenderKeywordCase(RenderKeywordCase.UPPER)).render(insert))
            .isNotEqualTo(lower);
        assertThat(upper).as("both checked values in upper case").doesNotContain("select");
    }

    // A new policy each time, so its kept texts start empty; deleting a user cascades to the user's posts.
    @Test
    void deletedByColumnInTheCascade_keptWithoutAnActor_neverReplayedOverAnActor() {
        // posts.title stands in for a deleted-by column: a cascade from users then writes the actor.
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(USERS, USERS.DELETED_AT)
            .table(POSTS, Marker.timestamp(POSTS.DELETED_AT).deletedBy(POSTS.TITLE))
            .relation(POSTS, POSTS.AUTHOR_ID, USERS, USERS.ID, OnDelete.CASCADE)
            .build();
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), policy));
        Query delete = ctx.deleteFrom(USERS).where(USERS.ID.eq(1L));

        String withoutActor = ctx.render(delete);
        assertThat(withoutActor).contains("softdelete-no-actor:posts");
        for (int i = 0; i < 3; i++) {
            assertThat(ctx.render(delete)).isEqualTo(withoutActor);
            String alice = SoftDelete.withActor(ctx, "alice").render(delete);
            assertThat(alice).contains("'alice'").doesNotContain("softdelete-no-actor");
            assertThat(SoftDelete.withActor(ctx, "bob").render(delete)).isEqualTo(alice.replace("'alice'", "'bob'"));
        }
        assertThat(ctx.render(delete)).isEqualTo(withoutActor);
    }

    private static DSLContext context(Settings settings) {
        return context(policy(), settings);
    }

    private static DSLContext context(SoftDeletePolicy policy, Settings settings) {
        return DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(settings), policy));
    }

    private static SoftDeletePolicy policy() {
        return SoftDeletePolicy.builder()
            .table(USERS, USERS.DELETED_AT)
            .table(POSTS, POSTS.DELETED_AT)
            .relation(POSTS, POSTS.AUTHOR_ID, USERS, USERS.ID, OnDelete.CASCADE)
            .build();
    }
}
