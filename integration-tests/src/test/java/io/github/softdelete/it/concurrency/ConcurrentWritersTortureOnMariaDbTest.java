package io.github.softdelete.it.concurrency;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.softdelete.it.harness.MariaDbTest;

/**
 * {@link ConcurrentWritersTortureTest} on MariaDB, at its default REPEATABLE READ and at READ COMMITTED: 10 s each in
 * CI; {@code -Dtorture.seconds=600} or {@code -Dtorture.operations=5000} (per thread and level) for a long local run.
 * Comments reply to comments, as on PostgreSQL ({@code -Dtorture.replies=false} leaves them out).
 */
@MariaDbTest
class ConcurrentWritersTortureOnMariaDbTest extends ConcurrentWritersTortureTest {

    // Hides ConcurrentWritersTortureTest's: JUnit takes the test class's own factory method.
    static Stream<Isolation> isolations() {
        return Stream.of(Isolation.REPEATABLE_READ, Isolation.READ_COMMITTED);
    }

    // Half the attempts of some operations end in a deadlock on MariaDB (ConcurrentWritersTortureTest's counts), where
    // 20 retries leave one operation in a hundred failed: 100 leave none.
    @Override
    protected int retries() {
        return 100;
    }

    @Override
    protected Duration runFor() {
        return Duration.ofSeconds(Long.getLong("torture.seconds", 10));
    }
}
