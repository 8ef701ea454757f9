package io.github.softdelete.internal;

import org.jooq.Configuration;

/**
 * The listeners that work beside {@link SoftDeleteVisitListener}, and the check that they are still
 * there. {@code Configuration.set(ExecuteListenerProvider...)} (and its record-listener twin) replaces
 * every listener of its kind, so a call after {@code SoftDelete.install} silently drops ours: a refused
 * cascade would then reach the caller as a raw {@code invalid input syntax for type integer} error, and
 * a deleted record would keep a null marker. The visit listener checks before it renders a statement
 * that needs them, and refuses it instead. The other way round, a {@code set(VisitListenerProvider...)} after
 * install drops the visit listener, and with it every rule: the execute and record listeners check for it
 * before each statement and record operation.
 */
final class PartnerListeners {

    private PartnerListeners() {
    }

    /** Throws when the configuration lost a listener that {@code SoftDelete.install} added. */
    static void require(Configuration configuration) {
        if (!StatementRefusals.installedOn(configuration))
            throw missing("ExecuteListener", "ExecuteListenerProvider", "StatementRefusals");
        if (!SettlingListener.installedOn(configuration))
            throw missing("ExecuteListener", "ExecuteListenerProvider", "SettlingListener");
        if (!RecordMarkers.installedOn(configuration))
            throw missing("RecordListener", "RecordListenerProvider", "RecordMarkers");
    }

    /**
     * Throws when the configuration lost the {@link SoftDeleteVisitListener} that {@code SoftDelete.install} added:
     * checked by the partners, before a statement runs, since without the visit listener nothing else would notice.
     */
    static void requireVisitListener(Configuration configuration) {
        if (!SoftDeleteVisitListener.installedOn(configuration))
            throw new IllegalStateException("the soft-delete VisitListener is missing from this configuration, although the"
                + " library's other listeners are installed: a Configuration.set(VisitListener...) or"
                + " set(VisitListenerProvider...) (or a derive(...) of either) after SoftDelete.install(configuration, policy)"
                + " replaced it. Without it, reads would return deleted rows and DELETE would delete rows physically."
                + " Nothing was executed. Set your own listeners first and call SoftDelete.install last; install keeps the"
                + " listeners already set. For statements that must see every row, use SoftDelete.includeDeleted(ctx) or"
                + " SoftDelete.hardDelete(ctx)");
    }

    private static IllegalStateException missing(String kind, String provider, String name) {
        return new IllegalStateException("the soft-delete " + kind + " (" + name + ") is missing from this configuration,"
            + " although its VisitListener is installed: a Configuration.set(" + provider + "...) after"
            + " SoftDelete.install(configuration, policy) replaced it. Without it, refusals would surface as raw"
            + " database errors. Nothing was executed. Set your own listeners first and call SoftDelete.install last;"
            + " install keeps the listeners already set");
    }
}
