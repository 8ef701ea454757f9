package io.github.softdelete.internal.purge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jooq.DSLContext;

import io.github.softdelete.PurgeListener;
import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;

/**
 * A purge as configured on {@link io.github.softdelete.Purge}, validated there.
 *
 * @param ctx           the user's context, listener installed
 * @param registry      the policy
 * @param tables        the tables to purge
 * @param deletedBefore the cutoff as an instant, or null
 * @param olderThan     the cutoff as an age, or null
 * @param batchSize     the most candidate rows per batch
 * @param listener      who hears of each batch
 * @param dryRun        whether to write nothing
 */
public record PurgeSettings(DSLContext ctx, TableRegistry registry, List<PolicyTable> tables, Instant deletedBefore,
                            Duration olderThan, int batchSize, PurgeListener listener, boolean dryRun) {

    public PurgeSettings {
        tables = List.copyOf(tables);
    }
}
