package io.github.softdelete.internal.render;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.Marker;
import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;

import io.github.softdelete.internal.cascade.CascadeText;
import io.github.softdelete.internal.cascade.RestoreRequest;
import io.github.softdelete.internal.install.Installation;
import io.github.softdelete.internal.install.SoftDeleteVisitListener;
import io.github.softdelete.internal.policy.ContextFlags;
import io.github.softdelete.internal.policy.ReadMode;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * Differential test of the render cache ({@link RenderCache}): every kind of statement whose text the listener
 * keeps (a cascading DELETE, a cascading restore, a checked INSERT, a plain-SQL statement) renders byte for byte,
 * and binds value for value, as on an installation that keeps nothing, under every context flag, every render
 * setting and every dialect of the supported family.
 *
 * <p>A key that forgot something would replay text kept under one context in another that differs only in it. So
 * each case renders on one caching installation first under a base context, which keeps the text, and then under
 * the context that differs in one flag or setting, which must not replay it; then every combination of the flags in
 * turn on one installation.
 */
class RenderCacheDifferentialTest {

    /** The actor the policy's supplier gives: changed between renders, as a per-request actor would be. */
    private static final AtomicReference<Object> SUPPLIED = new AtomicReference<>();

    private static final SoftDeletePolicy POLICY = SoftDeletePolicy.builder()
        .table(USERS, USERS.DELETED_AT)
        // posts.title stands in for a deleted-by column: a cascade from users then writes the actor.
        .table(POSTS, Marker.timestamp(POSTS.DELETED_AT).deletedBy(POSTS.TITLE))
        .relation(POSTS, POSTS.AUTHOR_ID, USERS, USERS.ID, OnDelete.CASCADE)
        .actor(SUPPLIED::get)
        .build();

    /** The statements, by kind; each is rendered with several values, so that replays meet other values. */
    static Stream<Arguments> statements() {
        return Stream.of(
            statement("cascadingDelete", (ctx, v) -> ctx.deleteFrom(USERS).where(USERS.ID.eq(v))),
            statement("cascadingDelete_inlineValue", (ctx, v) -> ctx.deleteFrom(USERS).where(USERS.ID.eq(DSL.inline(v)))),
            statement("cascadingRestore", (ctx, v) -> RestoreRequest.query(ctx, registry(ctx).lookup(USERS), USERS, USERS.ID.eq(v))),
            statement("cascadingRestore_twoValues", (ctx, v) -> RestoreRequest.query(ctx, registry(ctx).lookup(USERS), USERS,
                USERS.ID.in(v, v + 1))),
            statement("checkedInsert_oneRow", (ctx, v) -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID).values(v, v + 1)),
            statement("checkedInsert_twoRows", (ctx, v) -> ctx.insertInto(POSTS, POSTS.ID, POSTS.AUTHOR_ID).values(v, 1L).values(v + 1, 2L)),
            statement("plainSqlDelete", (ctx, v) -> ctx.query("delete from users where id = ?", v)),
            statement("plainSqlSelect", (ctx, v) -> ctx.resultQuery("select id from posts where author_id = ?", v)));
    }

    /** A flag or setting that differs from the base context, applied to a context of the base. */
    static List<Variation> variations() {
        List<Variation> all = new ArrayList<>();
        for (ReadMode mode : ReadMode.values())
            all.add(flags("readMode " + mode, f -> f.withReadMode(mode)));
        all.add(flags("hardDelete", ContextFlags::withHardDelete));
        all.add(flags("markerWrites", ContextFlags::withMarkerWrites));
        all.add(flags("deletedParents", ContextFlags::withDeletedParents));
        all.add(flags("plainSql", ContextFlags::withPlainSql));
        all.add(flags("actor", f -> f.withActor("alice")));
        all.add(flags("other actor", f -> f.withActor("bob")));
        all.add(new Variation("supplied actor", ctx -> {
            SUPPLIED.set("carol");
            return ctx;
        }));
        for (ParamType type : ParamType.values())
            all.add(settings("paramType " + type, s -> s.withParamType(type)));
        all.add(settings("static statements", s -> s.withStatementType(StatementType.STATIC_STATEMENT)));
        for (RenderQuotedNames quoting : RenderQuotedNames.values())
            all.add(settings("quoting " + quoting, s -> s.withRenderQuotedNames(quoting)));
        for (RenderNameCase names : RenderNameCase.values())
            all.add(settings("name case " + names, s -> s.withRenderNameCase(names)));
        for (RenderKeywordCase keywords : RenderKeywordCase.values())
            all.add(settings("keyword case " + keywords, s -> s.withRenderKeywordCase(keywords)));
        all.add(settings("no schema", s -> s.withRenderSchema(false)));
        all.add(settings("schema mapped", s -> s.withRenderMapping(new RenderMapping()
            .withSchemata(new MappedSchema().withInput("public").withOutput("tenant_1")))));
        all.add(settings("formatted", s -> s.withRenderFormatted(true)));
        all.add(settings("named parameter prefix", s -> s.withParamType(ParamType.NAMED).withRenderNamedParamPrefix("$")));
        for (SQLDialect dialect : SQLDialect.values())
            if (dialect.family() == SQLDialect.POSTGRES)
                all.add(new Variation("dialect " + dialect, ctx -> DSL.using(ctx.configuration().derive(dialect))));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void textKeptUnderTheBase_neverReplayedInAContextThatDiffersInOneFlagOrSetting(String name, Statement statement) {
        for (Variation variation : variations()) {
            SUPPLIED.set(null);
            Installations installations = new Installations();
            for (long value = 1; value <= 2; value++)
                assertSameRendering(name + " (base)", installations.cached(), installations.uncached(), statement, value);
            DSLContext cached = variation.apply(installations.cached());
            DSLContext uncached = variation.apply(installations.uncached());
            for (long value = 1; value <= 2; value++)
                assertSameRendering(name + " under " + variation.name(), cached, uncached, statement, value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void everyCombinationOfFlags_inTurnOnOneInstallation_rendersAsWithoutTheCache(String name, Statement statement) {
        SUPPLIED.set("dave");
        Installations installations = new Installations();
        for (ContextFlags flags : everyCombinationOfFlags())
            assertSameRendering(name + " under " + flags, flags.applyTo(installations.cached()),
                flags.applyTo(installations.uncached()), statement, 1);
    }

    @Test
    void cacheOff_keepsNothing() {
        Installations installations = new Installations();
        for (int i = 0; i < 3; i++)
            installations.uncached().render(installations.uncached().deleteFrom(USERS).where(USERS.ID.eq(1L)));
        RenderCache off = SoftDeleteVisitListener.on(installations.uncached().configuration()).cache();
        assertThat(off.plainSqlTexts()).isNull();
        assertThat(off.variantCount(new CascadeText.Shape(false, 0))).isZero();
        RenderCache on = SoftDeleteVisitListener.on(installations.cached().configuration()).cache();
        installations.cached().render(installations.cached().deleteFrom(USERS).where(USERS.ID.eq(1L)));
        assertThat(on.variantCount(new CascadeText.Shape(false, 0))).as("the same statement on the caching installation").isOne();
    }

    private static List<ContextFlags> everyCombinationOfFlags() {
        List<ContextFlags> all = new ArrayList<>();
        for (ReadMode mode : ReadMode.values())
            for (int bits = 0; bits < 16; bits++)
                for (Object actor : Arrays.asList(null, "erin")) {
                    ContextFlags flags = ContextFlags.DEFAULT.withReadMode(mode).withActor(actor);
                    flags = (bits & 1) != 0 ? flags.withHardDelete() : flags;
                    flags = (bits & 2) != 0 ? flags.withMarkerWrites() : flags;
                    flags = (bits & 4) != 0 ? flags.withDeletedParents() : flags;
                    flags = (bits & 8) != 0 ? flags.withPlainSql() : flags;
                    all.add(flags);
                }
        return all;
    }

    // Every way jOOQ renders and binds a statement: its SQL under the context's parameter type and under each
    // other, and its bind values. Each is asked twice on the caching installation: kept by the first, replayed after.
    private static void assertSameRendering(String what, DSLContext cached, DSLContext uncached, Statement statement, long value) {
        Query expected = statement.apply(uncached, value);
        List<String> full = renderings(uncached, expected);
        List<Object> binds = uncached.extractBindValues(expected);
        for (int i = 0; i < 2; i++) {
            Query query = statement.apply(cached, value);
            assertThat(renderings(cached, query)).as(what + ", value " + value).isEqualTo(full);
            assertThat(cached.extractBindValues(query)).as(what + ": bind values, value " + value).isEqualTo(binds);
        }
    }

    private static List<String> renderings(DSLContext ctx, Query query) {
        return List.of(ctx.render(query), ctx.renderInlined(query), ctx.renderNamedParams(query),
            ctx.renderNamedOrInlinedParams(query), query.getSQL(ParamType.INDEXED));
    }

    private static TableRegistry registry(DSLContext ctx) {
        return SoftDeleteVisitListener.on(ctx.configuration()).registry();
    }

    /** One policy installed twice: with the render cache, and with a cache that keeps nothing. */
    private static final class Installations {
        private final DSLContext cached = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), POLICY));
        private final DSLContext uncached;

        Installations() {
            SoftDeleteVisitListener listener = SoftDeleteVisitListener.on(cached.configuration());
            uncached = DSL.using(Installation.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), listener.registry(),
                listener.plainSql(), RenderCache.off()));
        }

        DSLContext cached() {
            return cached;
        }

        DSLContext uncached() {
            return uncached;
        }
    }

    @FunctionalInterface
    interface Statement {
        Query apply(DSLContext ctx, long value);
    }

    record Variation(String name, UnaryOperator<DSLContext> change) {
        DSLContext apply(DSLContext ctx) {
            return change.apply(ctx);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Variation flags(String name, Function<ContextFlags, ContextFlags> change) {
        return new Variation(name, ctx -> change.apply(ContextFlags.of(ctx.configuration())).applyTo(ctx));
    }

    private static Variation settings(String name, UnaryOperator<Settings> change) {
        return new Variation(name, ctx -> DSL.using(ctx.configuration().deriveSettings(change::apply)));
    }

    private static Arguments statement(String name, Statement statement) {
        return Arguments.of(name, statement);
    }
}
