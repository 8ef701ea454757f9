package io.github.softdelete;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;

import io.github.softdelete.internal.ManualRelation;
import io.github.softdelete.internal.PolicyTable;
import io.github.softdelete.internal.Relations;
import io.github.softdelete.internal.TableRegistry;

/**
 * Which tables are soft-deletable, and by which marker column.
 *
 * <p>A row is deleted when its marker holds a timestamp, and live when the marker is NULL. Build a
 * policy from a generated schema with {@link #forSchema(Schema)}, or list tables explicitly:
 * <pre>{@code
 * SoftDeletePolicy policy = SoftDeletePolicy.builder()
 *     .table(POSTS, POSTS.REMOVED_AT)
 *     .table(COMMENTS, COMMENTS.REMOVED_AT)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: a policy never changes once built, so it can be shared by every
 * configuration and thread.
 */
public final class SoftDeletePolicy {

    /** The marker column that {@link #forSchema(Schema)} looks for. */
    public static final String DEFAULT_MARKER = "deleted_at";

    private static final Set<Class<?>> MARKER_TYPES =
        Set.of(OffsetDateTime.class, LocalDateTime.class, Timestamp.class, Instant.class);

    private final TableRegistry registry;
    private final boolean strictPlainSql;

    private SoftDeletePolicy(TableRegistry registry, boolean strictPlainSql) {
        this.registry = registry;
        this.strictPlainSql = strictPlainSql;
    }

    /**
     * A policy with every table of {@code schema} that has a column named {@code deleted_at}.
     *
     * @param schema a schema with table metadata, usually a generated one such as {@code Public.PUBLIC}
     * @return the policy
     * @throws IllegalArgumentException when no table of the schema has a {@code deleted_at} column, or
     *                                  a {@code deleted_at} column has an unsupported type
     */
    public static SoftDeletePolicy forSchema(Schema schema) {
        return builder().schema(schema).build();
    }

    /** {@return a builder for an explicit policy} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the soft-deletable tables, in the order they were registered} */
    public List<Table<?>> tables() {
        return registry.tables().stream().<Table<?>>map(PolicyTable::table).toList();
    }

    /**
     * The marker column of a table, if the table is soft-deletable. Aliases and name-equal references
     * ({@code DSL.table(name("public", "posts"))}) resolve to the registered table.
     *
     * @param table a table or a reference to one
     * @return the marker column as registered, or empty when the table is not soft-deletable
     */
    public Optional<Field<?>> marker(Table<?> table) {
        Table<?> base = table instanceof QOM.TableAlias<?> alias ? alias.$aliased() : table;
        PolicyTable entry = registry.lookup(base);
        return entry == null ? Optional.empty() : Optional.of(entry.marker());
    }

    /**
     * {@return the foreign keys that reference soft-deletable tables, each with the rule a soft delete follows}
     * The text of each entry names the constraint, the tables and the rule, e.g.
     * {@code posts_author_id_fkey (posts -> users, ON DELETE CASCADE)}.
     */
    public List<String> relations() {
        return registry.relations().stream().map(Object::toString).toList();
    }

    /** {@return whether rendering plain SQL raises {@link SoftDeleteException}} See {@link Builder#strictPlainSql(boolean)}. */
    public boolean strictPlainSql() {
        return strictPlainSql;
    }

    TableRegistry registry() {
        return registry;
    }

    @Override
    public String toString() {
        return "SoftDeletePolicy" + registry.tables() + (strictPlainSql ? " (strict plain SQL)" : "");
    }

    /**
     * Collects tables, then validates them all in {@link #build()}.
     *
     * <p>Not thread-safe; the policy it builds is.
     */
    public static final class Builder {

        private final Map<Table<?>, Field<?>> tables = new LinkedHashMap<>();
        private final Map<ForeignKey<?, ?>, OnDelete> declaredRules = new LinkedHashMap<>();
        private final List<ManualRelation> manualRelations = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private boolean strictPlainSql;

        private Builder() {
        }

        /**
         * Registers a soft-deletable table and its marker column.
         *
         * @param table  the table, unaliased: a generated table, or {@code DSL.table(name(...))}
         * @param marker the marker column: a nullable timestamp column of {@code table}
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder table(Table<?> table, Field<?> marker) {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(marker, "marker");
            if (tables.putIfAbsent(table, marker) != null)
                problems.add("table " + quoted(table) + " is registered twice; register each table once");
            return this;
        }

        /**
         * Registers every table of {@code schema} that has a {@code deleted_at} column.
         *
         * @param schema a schema with table metadata
         * @return this builder
         * @throws NullPointerException when {@code schema} is null
         */
        public Builder schema(Schema schema) {
            Objects.requireNonNull(schema, "schema");
            int before = tables.size();
            for (Table<?> table : schema.getTables())
                if (table.field(DEFAULT_MARKER) != null)
                    table(table, table.field(DEFAULT_MARKER));
            if (tables.size() == before)
                problems.add("schema \"" + schema.getName() + "\" has no table with a column named \""
                    + DEFAULT_MARKER + "\"; add that column to the soft-deletable tables, or register tables"
                    + " with SoftDeletePolicy.builder().table(table, marker)");
            return this;
        }

        /**
         * Declares the {@code ON DELETE} rule of a generated foreign key. jOOQ 3.19's metadata does not
         * carry these rules ({@code ForeignKey.getDeleteRule()} arrived in jOOQ 3.20), so with 3.19 a
         * foreign key without a declaration is treated as {@link OnDelete#NO_ACTION}: a soft delete of
         * a parent with live children is refused. The softdelete code generator declares every rule.
         *
         * @param key  a foreign key that references a soft-deletable table
         * @param rule what a soft delete of the referenced row does to the referencing rows
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder onDelete(ForeignKey<?, ?> key, OnDelete rule) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rule, "rule");
            if (declaredRules.putIfAbsent(key, rule) != null)
                problems.add("the ON DELETE rule of " + key.getName() + " is declared twice; declare it once");
            return this;
        }

        /**
         * Declares a relation for tables without generated keys: {@code child.childColumn} references
         * {@code parent.parentColumn}, with the given {@code ON DELETE} rule.
         *
         * @param child        the referencing table
         * @param childColumn  its referencing column
         * @param parent       the referenced table; it must be registered as soft-deletable
         * @param parentColumn the referenced column, usually the primary key
         * @param rule         what a soft delete of the parent does to the children
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder relation(Table<?> child, Field<?> childColumn, Table<?> parent, Field<?> parentColumn, OnDelete rule) {
            manualRelations.add(new ManualRelation(Objects.requireNonNull(child, "child"),
                Objects.requireNonNull(childColumn, "childColumn"), Objects.requireNonNull(parent, "parent"),
                Objects.requireNonNull(parentColumn, "parentColumn"), Objects.requireNonNull(rule, "rule")));
            return this;
        }

        /**
         * Strict mode: rendering plain SQL that can read rows raises {@link SoftDeleteException}, because
         * the library cannot filter SQL text. That is every plain-SQL statement ({@code ctx.fetch("select ...")}),
         * every plain-SQL table ({@code DSL.table("posts")}), and every plain-SQL field or condition whose
         * text contains a SELECT. Plain-SQL fragments that cannot read rows ({@code DSL.condition("a > 1")})
         * still render. Off by default.
         *
         * @param strict whether plain SQL is refused
         * @return this builder
         */
        public Builder strictPlainSql(boolean strict) {
            this.strictPlainSql = strict;
            return this;
        }

        /**
         * Validates every registration and builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException naming each table and column that is not valid: a marker that
         *                                  is not a column of its table, a marker of an unsupported type,
         *                                  an aliased or derived table, or no table at all
         */
        public SoftDeletePolicy build() {
            List<String> all = new ArrayList<>(problems);
            List<PolicyTable> entries = new ArrayList<>();
            tables.forEach((table, marker) -> {
                String problem = problem(table, marker);
                if (problem != null)
                    all.add(problem);
                else
                    entries.add(new PolicyTable(table, marker, indexOf(table, marker)));
            });
            if (tables.isEmpty() && all.isEmpty())
                all.add("no soft-deletable table was registered; call table(table, marker) or schema(schema)");
            Relations relations = new Relations(entries, declaredRules, manualRelations);
            all.addAll(relations.problems());
            if (!all.isEmpty())
                throw new IllegalArgumentException("invalid soft-delete policy: " + String.join("; ", all));
            return new SoftDeletePolicy(new TableRegistry(entries, relations.all()), strictPlainSql);
        }

        private static String problem(Table<?> table, Field<?> marker) {
            if (table instanceof QOM.TableAlias<?> || table instanceof QOM.JoinTable<?, ?>
                || table instanceof QOM.DerivedTable<?>)
                return "table " + quoted(table) + " is an alias, join or derived table; register the table itself";
            if (marker instanceof TableField<?, ?> column && column.getTable() != null && !column.getTable().equals(table))
                return "marker " + quoted(column.getTable()) + "." + marker.getName() + " belongs to another table"
                    + " than " + quoted(table) + "; pass a field of " + quoted(table);
            if (table.fields().length > 0 && indexOf(table, marker) < 0)
                return "marker \"" + marker.getName() + "\" is not a column of table " + quoted(table)
                    + " (its columns: " + Arrays.stream(table.fields()).map(Field::getName)
                    .collect(Collectors.joining(", ")) + "); pass one of its fields";
            if (!MARKER_TYPES.contains(marker.getType()))
                return "marker " + quoted(table) + "." + marker.getName() + " has the unsupported type "
                    + marker.getType().getName() + "; use a timestamp column (OffsetDateTime, LocalDateTime,"
                    + " Instant or java.sql.Timestamp), NULL for live rows";
            return null;
        }

        private static int indexOf(Table<?> table, Field<?> marker) {
            Field<?>[] fields = table.fields();
            for (int i = 0; i < fields.length; i++)
                if (fields[i].getName().equals(marker.getName()))
                    return i;
            return -1;
        }

        private static String quoted(Table<?> table) {
            return '"' + table.getName() + '"';
        }
    }
}
