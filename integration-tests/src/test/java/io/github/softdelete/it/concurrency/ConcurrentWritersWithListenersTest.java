package io.github.softdelete.it.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.softdelete.SoftDeleteEvent;

/**
 * {@link ConcurrentWritersTest} with a listener on the library's side (issue 26). With listeners, a cascading
 * soft delete counts its steps (SettlementEntry.counted), which runs them before the root's UPDATE: the first step
 * waits for the root's lock, so the root's rows are still locked first and every interleaving ends as without them.
 */
class ConcurrentWritersWithListenersTest extends ConcurrentWritersTest {

    private static final List<SoftDeleteEvent> HEARD = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() {
        HEARD.clear();
        TwoTransactions.listener = HEARD::add;
    }

    @AfterAll
    static void stopListening() {
        TwoTransactions.listener = null;
        assertThat(HEARD).as("soft deletes heard").anyMatch(event -> event.operation() == SoftDeleteEvent.Operation.SOFT_DELETE
            && event.tables().size() > 1);
    }
}
