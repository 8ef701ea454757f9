package io.github.softdelete.internal.cascade;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.softdelete.SoftDeleteEvent;

import io.github.softdelete.internal.policy.PolicyTable;

/**
 * The rows an operation of several statements changed, per table, as its statements report them: what its listeners
 * hear once the last one ran ({@link SoftDeleteEvent}).
 *
 * <p>Not thread-safe: one operation, one connection.
 */
public final class ChangeTally {

    private final boolean counting;
    private final Map<PolicyTable, long[]> rows = new LinkedHashMap<>(); // per table: stamped, restored

    /** @param counting whether anyone listens: without listeners, counts are neither kept nor checked */
    public ChangeTally(boolean counting) {
        this.counting = counting;
    }

    public boolean counting() {
        return counting;
    }

    public void stamped(PolicyTable table, long count) {
        rows.computeIfAbsent(table, t -> new long[2])[0] += count;
    }

    public void restored(PolicyTable table, long count) {
        rows.computeIfAbsent(table, t -> new long[2])[1] += count;
    }

    /** Whether any row changed: an operation that matched none tells nobody. */
    public boolean changedRows() {
        return rows.values().stream().anyMatch(r -> r[0] > 0 || r[1] > 0);
    }

    /** The operation as listeners hear it: {@code root} first, then the other tables whose rows changed. */
    public SoftDeleteEvent event(SoftDeleteEvent.Operation operation, PolicyTable root, Instant stamp, Object actor) {
        List<SoftDeleteEvent.TableChange> changes = new ArrayList<>();
        add(changes, root, rows.get(root));
        rows.forEach((table, r) -> {
            if (!table.equals(root))
                add(changes, table, r);
        });
        return new SoftDeleteEvent(operation, root.table(), Optional.ofNullable(stamp), Optional.ofNullable(actor), changes);
    }

    private static void add(List<SoftDeleteEvent.TableChange> changes, PolicyTable table, long[] r) {
        if (r != null && (r[0] > 0 || r[1] > 0))
            changes.add(new SoftDeleteEvent.TableChange(table.table(), r[0], r[1], 0, 0));
    }
}
