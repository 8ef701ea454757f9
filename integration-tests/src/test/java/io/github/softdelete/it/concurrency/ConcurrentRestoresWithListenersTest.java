package io.github.softdelete.it.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * {@link ConcurrentRestoresTest} with a listener on the library's side (issue 26). With listeners, a cascading
 * restore counts its steps, which runs them before the root's UPDATE: it then locks the root's rows first, as a
 * delete does, and every interleaving ends as without them.
 */
class ConcurrentRestoresWithListenersTest extends ConcurrentRestoresTest {

    private static final List<SoftDeleteEvent> HEARD = new CopyOnWriteArrayList<>();

    ConcurrentRestoresWithListenersTest(TestDatabase database) {
        super(database);
    }

    @BeforeAll
    static void listen() {
        HEARD.clear();
        TwoTransactions.listener = HEARD::add;
    }

    @AfterAll
    static void stopListening() {
        TwoTransactions.listener = null;
        assertThat(HEARD).as("restores heard").anyMatch(event -> event.operation() == SoftDeleteEvent.Operation.RESTORE);
    }
}
