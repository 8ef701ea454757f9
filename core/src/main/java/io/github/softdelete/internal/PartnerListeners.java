package io.github.softdelete.internal;

import org.jooq.Configuration;

/**
 * The listeners that work beside {@link SoftDeleteVisitListener}, and the check that they are still
 * there. {@code Configuration.set(ExecuteListenerProvider...)} (and its record-listener twin) replaces
 * every listener of its kind, so a call after {@code SoftDelete.install} silently drops ours: a refused
 * cascade would then reach the caller as a raw {@code invalid input syntax for type integer} error, and
 * a deleted record would keep a null marker. The visit listener checks before it renders a statement
 * that needs them, and refuses it instead.
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

    private static IllegalStateException missing(String kind, String provider, String name) {
        return new IllegalStateException("the soft-delete " + kind + " (" + name + ") is missing from this configuration,"
            + " although its VisitListener is installed: a Configuration.set(" + provider + "...) after"
            + " SoftDelete.install(configuration, policy) replaced it. Without it, refusals would surface as raw"
            + " database errors. Nothing was executed. Set your own listeners first and call SoftDelete.install last;"
            + " install keeps the listeners already set");
    }
}
