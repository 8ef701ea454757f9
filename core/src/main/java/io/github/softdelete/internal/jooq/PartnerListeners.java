package io.github.softdelete.internal.jooq;

import java.util.List;

import org.jooq.Configuration;
import org.jooq.ExecuteListenerProvider;
import org.jooq.RecordListenerProvider;
import org.jooq.VisitListenerProvider;

/**
 * The listeners that {@code SoftDelete.install} adds, and the check that they are still there.
 * {@code Configuration.set(ExecuteListenerProvider...)} (and its record-listener twin) replaces every listener of its
 * kind, so a call after {@code SoftDelete.install} silently drops ours: a refused cascade would then reach the caller
 * as a raw {@code invalid input syntax for type integer} error, and a deleted record would keep a null marker. The
 * rules check before they rewrite a statement that needs them, and refuse it instead. The other way round, a
 * {@code set(VisitListenerProvider...)} after install drops the visit listener, and with it every rule: the execute
 * and record listeners check for it before each statement and record operation.
 *
 * <p>Why the classes are recorded in the configuration's data rather than named here: the rules that check sit below
 * the installation that adds the listeners, and must not depend on it. jOOQ's {@code Configuration.set(...Provider...)}
 * replaces providers but keeps the data map, and {@code derive()} copies it (jOOQ 3.19's
 * {@code DefaultConfiguration.derive(...)} passes {@code data} on), so the record outlives what it describes.
 */
public final class PartnerListeners {

    private enum Key { SOFT_DELETE_LISTENERS }

    /**
     * The classes of the listeners one installation added.
     *
     * @param visitListener   the visit listener, which holds every rule
     * @param executeListeners the execute listeners (refusals, settlement)
     * @param recordListener  the record listener
     */
    public record Installed(Class<?> visitListener, List<Class<?>> executeListeners, Class<?> recordListener) {

        public Installed {
            executeListeners = List.copyOf(executeListeners);
        }
    }

    private PartnerListeners() {
    }

    /** Records, on the configuration being installed, which listeners the installation adds. */
    public static void record(Configuration configuration, Installed installed) {
        configuration.data(Key.SOFT_DELETE_LISTENERS, installed);
    }

    /** Throws when the configuration lost an execute or record listener that {@code SoftDelete.install} added. */
    public static void require(Configuration configuration) {
        Installed installed = installed(configuration);
        for (Class<?> listener : installed.executeListeners())
            if (!hasExecuteListener(configuration, listener))
                throw missing("ExecuteListener", "ExecuteListenerProvider", listener.getSimpleName());
        if (!hasRecordListener(configuration, installed.recordListener()))
            throw missing("RecordListener", "RecordListenerProvider", installed.recordListener().getSimpleName());
    }

    /**
     * Throws when the configuration lost the visit listener that {@code SoftDelete.install} added: checked by the
     * partners, before a statement runs, since without the visit listener nothing else would notice.
     */
    public static void requireVisitListener(Configuration configuration) {
        Installed installed = (Installed) configuration.data(Key.SOFT_DELETE_LISTENERS);
        if (installed == null || !hasVisitListener(configuration, installed.visitListener()))
            throw new IllegalStateException("the soft-delete VisitListener is missing from this configuration, although the"
                + " library's other listeners are installed: a Configuration.set(VisitListener...) or"
                + " set(VisitListenerProvider...) (or a derive(...) of either) after SoftDelete.install(configuration, policy)"
                + " replaced it. Without it, reads would return deleted rows and DELETE would delete rows physically."
                + " Nothing was executed. Set your own listeners first and call SoftDelete.install last; install keeps the"
                + " listeners already set. For statements that must see every row, use SoftDelete.includeDeleted(ctx) or"
                + " SoftDelete.hardDelete(ctx)");
    }

    private static Installed installed(Configuration configuration) {
        Object installed = configuration.data(Key.SOFT_DELETE_LISTENERS);
        if (installed instanceof Installed record)
            return record;
        // Only the visit listener calls the rules that check, and only install adds it, with this record.
        throw new IllegalStateException("the soft-delete listeners were added to this configuration without"
            + " SoftDelete.install(configuration, policy); install the library with it");
    }

    private static boolean hasExecuteListener(Configuration configuration, Class<?> type) {
        for (ExecuteListenerProvider provider : configuration.executeListenerProviders())
            if (type.isInstance(provider.provide()))
                return true;
        return false;
    }

    private static boolean hasRecordListener(Configuration configuration, Class<?> type) {
        for (RecordListenerProvider provider : configuration.recordListenerProviders())
            if (type.isInstance(provider.provide()))
                return true;
        return false;
    }

    private static boolean hasVisitListener(Configuration configuration, Class<?> type) {
        for (VisitListenerProvider provider : configuration.visitListenerProviders())
            if (type.isInstance(provider.provide()))
                return true;
        return false;
    }

    private static IllegalStateException missing(String kind, String provider, String name) {
        return new IllegalStateException("the soft-delete " + kind + " (" + name + ") is missing from this configuration,"
            + " although its VisitListener is installed: a Configuration.set(" + provider + "...) after"
            + " SoftDelete.install(configuration, policy) replaced it. Without it, refusals would surface as raw"
            + " database errors. Nothing was executed. Set your own listeners first and call SoftDelete.install last;"
            + " install keeps the listeners already set");
    }
}
