package io.github.softdelete.internal.render;

import org.jooq.Context;
import org.jooq.RenderContext.CastMode;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;

import io.github.softdelete.internal.jooq.SettingsSnapshots;
import io.github.softdelete.internal.policy.ContextFlags;

/**
 * Everything that decides how a bind-free part built from the policy renders, so that its text can be
 * reused ({@link RenderCache}): the dialect, the render context's state at the part, the context's flags
 * and the settings.
 *
 * <p>The flags are held whole, as {@link ContextFlags#renderRelevant()}: a flag added to {@code ContextFlags}
 * is part of the key without a change here. The context's state is what jOOQ's {@code Context} lets a part
 * render differently under one configuration: the parameter type and cast mode ({@code getSQL(ParamType)},
 * {@code renderInlined}), qualification, the subquery level (aliases of derived tables) and whether CTEs are
 * being declared.
 *
 * <p>Why a snapshot of the settings: jOOQ's {@code Settings} are mutable and shared by every context
 * derived from a configuration, so a key that held only the instance could outlive a change to it. The
 * key compares the instance first and then the contents, so text rendered under settings that have
 * changed since is never reused. {@code Settings.equals} compares every field (about a microsecond on
 * JDK 17), which is why the rest of the key is compared first, and why the snapshot is shared with the
 * other keys of the same settings and compared once per render ({@link SettingsSnapshots}). (The snapshot is typed {@code Object}:
 * javadoc cannot read the JAXB annotations of {@code Settings} without JAXB on its path.)
 *
 * <p>Immutable and thread-safe.
 */
public record RenderKey(SQLDialect dialect, ParamType paramType, CastMode castMode, boolean qualify, boolean qualifySchema,
                 boolean qualifyCatalog, int subqueryLevel, boolean declareCTE, ContextFlags flags, Object settings) {

    /** The key of the part {@code ctx} is about to render, with a copy of its settings (shared when possible). */
    static RenderKey of(Context<?> ctx, ContextFlags flags) {
        return new RenderKey(ctx.dialect(), ctx.paramType(), ctx.castMode(), ctx.qualify(), ctx.qualifySchema(),
            ctx.qualifyCatalog(), ctx.subqueryLevel(), ctx.declareCTE(), flags.renderRelevant(), SettingsSnapshots.of(ctx));
    }

    /** Whether text rendered under this key renders the same in {@code ctx} under {@code flags}. */
    boolean matches(Context<?> ctx, ContextFlags flags) {
        return dialect == ctx.dialect() && paramType == ctx.paramType() && castMode == ctx.castMode()
            && qualify == ctx.qualify() && qualifySchema == ctx.qualifySchema() && qualifyCatalog == ctx.qualifyCatalog()
            && subqueryLevel == ctx.subqueryLevel() && declareCTE == ctx.declareCTE()
            && this.flags.equals(flags.renderRelevant()) && SettingsSnapshots.matches(settings, ctx);
    }
}
