package io.github.softdelete.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import io.github.softdelete.PlainSql;

/**
 * The {@code softdelete.*} properties of the Spring Boot starter.
 *
 * <p>The policy comes from exactly one of: a {@code SoftDeletePolicy} bean, {@link #getPolicyClass()
 * softdelete.policy-class}, or {@link #getSchema() softdelete.schema}. Naming none, or more than one, fails
 * the application's start with a message saying which to set.
 *
 * <p>Not thread-safe while Spring binds it; read-only afterwards.
 */
@ConfigurationProperties(prefix = "softdelete")
public class SoftDeleteProperties {

    /** Whether to install soft deletes on Spring Boot's jOOQ configuration. */
    private boolean enabled = true;

    /**
     * Fully qualified name of the policy class that softdelete-codegen generated for a schema (the
     * SoftDeletes class beside jOOQ's Keys), for example com.example.db.SoftDeletes.
     */
    private String policyClass;

    /**
     * Name of a database schema whose soft-delete policy is read from the database catalog when the
     * application starts: its tables with a soft-delete marker (by softdelete.markers, else by the
     * conventions: deleted_at, a boolean is_deleted or deleted, deleted_by beside them) and the ON DELETE
     * rule of each foreign key.
     */
    private String schema;

    /**
     * With softdelete.schema: markers with other names than the conventions', in softdelete-codegen's
     * syntax, per table where needed, e.g. "ticket_tags = flag(hidden); timestamp(removed_at); audit_log = none".
     */
    private String markers;

    /**
     * What the library does with SQL text it did not build (jOOQ's plain SQL, SQL text through
     * SoftDelete.dataSource, views whose definitions jOOQ cannot parse): PARSE (parsed and rewritten; text that
     * cannot be parsed and names a soft-deletable table is refused), REFUSE, or PASS_THROUGH_UNFILTERED. Unset
     * keeps the policy's own setting (PARSE unless the policy chose another).
     */
    private PlainSql plainSql;

    /** What the library's operations tell the application (docs/events.md). */
    private final Events events = new Events();

    /** Created and bound by Spring. */
    public SoftDeleteProperties() {
    }

    /**
     * @return the {@code softdelete.events.*} properties
     */
    public Events getEvents() {
        return events;
    }

    /**
     * {@code softdelete.events.*}: where the events of the library's operations go. Both are off unless set: with a
     * listener the library counts what each operation changed, and refuses what it could not tell (a JDBC batch of
     * soft deletes; DELETE ... RETURNING in auto-commit mode). SoftDeleteListener beans of the application are
     * registered whatever these say.
     */
    public static class Events {

        /** Whether to publish each SoftDeleteEvent as a Spring application event (@EventListener, @TransactionalEventListener). */
        private boolean publish;

        /** Whether to count operations and rows on the application's Micrometer MeterRegistry (softdelete.operations, softdelete.rows). */
        private boolean metrics;

        /** Created and bound by Spring. */
        public Events() {
        }

        /**
         * @return whether events are published as application events
         */
        public boolean isPublish() {
            return publish;
        }

        /**
         * @param publish whether events are published as application events
         */
        public void setPublish(boolean publish) {
            this.publish = publish;
        }

        /**
         * @return whether operations and rows are counted on the MeterRegistry
         */
        public boolean isMetrics() {
            return metrics;
        }

        /**
         * @param metrics whether operations and rows are counted on the MeterRegistry
         */
        public void setMetrics(boolean metrics) {
            this.metrics = metrics;
        }
    }

    /**
     * @return whether soft deletes are installed
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * @param enabled whether soft deletes are installed
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * @return the generated policy class's name, or {@code null}
     */
    public String getPolicyClass() {
        return policyClass;
    }

    /**
     * @param policyClass the generated policy class's fully qualified name
     */
    public void setPolicyClass(String policyClass) {
        this.policyClass = policyClass;
    }

    /**
     * @return the schema whose policy is read from the catalog, or {@code null}
     */
    public String getSchema() {
        return schema;
    }

    /**
     * @param schema the schema whose policy is read from the catalog
     */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /**
     * @return the markers description for softdelete.schema, or {@code null}
     */
    public String getMarkers() {
        return markers;
    }

    /**
     * @param markers the markers description for softdelete.schema, as {@code SoftDeletePolicy.Builder.markers} reads it
     */
    public void setMarkers(String markers) {
        this.markers = markers;
    }

    /**
     * @return the plain-SQL setting, or {@code null} to keep the policy's own
     */
    public PlainSql getPlainSql() {
        return plainSql;
    }

    /**
     * @param plainSql what the library does with SQL text it did not build
     */
    public void setPlainSql(PlainSql plainSql) {
        this.plainSql = plainSql;
    }

    /** The plain-SQL setting the properties ask for; null when softdelete.plain-sql is not set. */
    PlainSql plainSqlSetting() {
        return plainSql;
    }
}
