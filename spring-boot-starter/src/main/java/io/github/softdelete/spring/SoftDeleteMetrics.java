package io.github.softdelete.spring;

import java.sql.SQLException;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeleteListener;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the library's operations changed on the application's {@link MeterRegistry}
 * ({@code softdelete.events.metrics=true}), tagged as Micrometer and Actuator name things:
 * <ul>
 *   <li>{@code softdelete.operations} ({@code operation}, {@code table}: the root): one per operation that changed
 *       rows;</li>
 *   <li>{@code softdelete.rows} ({@code operation}, {@code table}, {@code change}: {@code stamped}, {@code restored},
 *       {@code set_null}, {@code purged}): the rows of each table, the ones reached through foreign keys included;</li>
 *   <li>{@code softdelete.refusals} ({@code kind}: {@code check}, a refusal of the statement's own check in the
 *       database, such as a live row under a deleted parent; {@code statement}, a statement refused before it ran,
 *       such as TRUNCATE): counted at once, since a refusal changed nothing.</li>
 * </ul>
 * Counted once the Spring transaction the operation ran in commits, so that rolled-back work is not counted; an
 * operation outside a Spring transaction is counted when the library tells it, just before its own commit.
 *
 * <p>Thread-safe: Micrometer's registries and counters are.
 */
final class SoftDeleteMetrics implements SoftDeleteListener {

    static final String OPERATIONS = "softdelete.operations";
    static final String ROWS = "softdelete.rows";
    static final String REFUSALS = "softdelete.refusals";

    private final ObjectProvider<MeterRegistry> registry;

    /** @param registry the application's registry, looked up at each event: there may be none yet when this is made */
    SoftDeleteMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void changed(SoftDeleteEvent event) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null)
            return;
        if (TransactionSynchronizationManager.isSynchronizationActive())
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(meters, event);
                }
            });
        else
            count(meters, event);
    }

    // A refusal of an in-statement check carries the server's error as its cause (docs/guarantees.md); one decided
    // before the statement ran has none.
    @Override
    public void refused(SoftDeleteException refusal) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null)
            meters.counter(REFUSALS, "kind", refusal.getCause() instanceof SQLException ? "check" : "statement").increment();
    }

    private static void count(MeterRegistry meters, SoftDeleteEvent event) {
        String operation = event.operation().name().toLowerCase(Locale.ROOT);
        meters.counter(OPERATIONS, "operation", operation, "table", event.root().getName()).increment();
        for (SoftDeleteEvent.TableChange change : event.tables()) {
            rows(meters, operation, change, "stamped", change.stamped());
            rows(meters, operation, change, "restored", change.restored());
            rows(meters, operation, change, "set_null", change.setNull());
            rows(meters, operation, change, "purged", change.purged());
        }
    }

    private static void rows(MeterRegistry meters, String operation, SoftDeleteEvent.TableChange change, String kind, long rows) {
        if (rows > 0)
            meters.counter(ROWS, "operation", operation, "table", change.table().getName(), "change", kind).increment(rows);
    }
}
