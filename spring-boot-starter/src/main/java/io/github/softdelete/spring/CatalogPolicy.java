package io.github.softdelete.spring;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;

/**
 * The one place where {@code softdelete.schema} turns into a policy read from the database catalog.
 *
 * <p><b>Not connected yet.</b> The catalog-built policy is core's {@code SoftDeletePolicy.fromDatabase(ctx,
 * schema)} (issue 13), which this branch does not have. Until it is merged, naming a schema fails the
 * application's start with the message below, rather than installing a guessed policy.
 */
final class CatalogPolicy {

    private CatalogPolicy() {
    }

    /**
     * A builder holding {@code schema}'s soft-deletable tables and foreign key rules, read through
     * {@code plain} (a context with no soft-delete listener), so that settings can be added before building.
     *
     * @throws IllegalStateException until the catalog-built policy is connected
     */
    static SoftDeletePolicy.Builder builder(DSLContext plain, String schema) {
        // LEAD (issue 13): after merging, return the catalog-built policy's builder here, e.g.
        // SoftDeletePolicy.fromDatabase(plain, schema) (or its builder form, so that
        // softdelete.strict-plain-sql applies), and turn on SoftDeleteAutoConfigurationTest.schemaProperty_*.
        throw new IllegalStateException("softdelete.schema=" + schema + " needs a catalog-built policy, which this "
            + "version of softdelete-core does not provide yet. Set softdelete.policy-class to the policy class "
            + "softdelete-codegen generated, or define a SoftDeletePolicy bean.");
    }
}
