package io.github.softdelete.spring;

import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;

import io.github.softdelete.SoftDeleteEvent;
import io.github.softdelete.SoftDeleteListener;

/**
 * Publishes each {@link SoftDeleteEvent} as a Spring application event ({@code softdelete.events.publish=true}).
 *
 * <p>Spring calls {@code @EventListener} methods synchronously, inside the operation's transaction, before it commits:
 * an exception of theirs rolls the operation back. A {@code @TransactionalEventListener(phase = AFTER_COMMIT)} method
 * hears the event once the Spring transaction the operation ran in has committed, and never when it rolled back: the
 * place for cache evictions and messages to other services. An operation that ran without a Spring transaction (in
 * auto-commit mode, in a transaction of the library's) has none to wait for: such a listener does not hear it unless it
 * says {@code fallbackExecution = true}.
 *
 * <p>Thread-safe: the publisher is.
 */
final class ApplicationEventsListener implements SoftDeleteListener {

    private final ApplicationEventPublisher publisher;

    ApplicationEventsListener(ApplicationEventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void changed(SoftDeleteEvent event) {
        publisher.publishEvent(event);
    }
}
