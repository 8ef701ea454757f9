package io.github.softdelete.examples.spring;

import static io.github.softdelete.it.db.Tables.USERS;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.github.softdelete.SoftDeleteEvent;

/**
 * A cache of account names in front of the database, evicted once a delete or restore of users has committed: evicted
 * earlier, another request could read the old row before the commit and put it back.
 */
@Component
public class AccountCache {

    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private volatile int evictions;

    /** The cached name of {@code userId}, loaded by {@code load} on a miss. */
    public String name(long userId, LongFunction<String> load) {
        return names.computeIfAbsent(userId, load::apply);
    }

    // snippet:begin events-cache
    @TransactionalEventListener // phase AFTER_COMMIT: never after a rollback
    public void evict(SoftDeleteEvent event) {
        if (event.table(USERS).isPresent()) {
            names.clear();
            evictions++;
        }
    }
    // snippet:end events-cache

    /** How many times the cache was emptied. */
    public int evictions() {
        return evictions;
    }

    /** Whether {@code userId} is cached. */
    public boolean holds(long userId) {
        return names.containsKey(userId);
    }
}
