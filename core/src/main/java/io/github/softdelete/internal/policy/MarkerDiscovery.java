package io.github.softdelete.internal.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;

/**
 * What {@code SoftDeletePolicy.Builder.schema} and {@code database} find in a schema's tables: each
 * table's marker by {@link MarkerConventions}, the declared entries that no table used, and the
 * look-alike columns, which are logged as warnings when the policy is built.
 *
 * <p>Warnings go to {@link System.Logger} (the logger {@code io.github.softdelete.SoftDeletePolicy}):
 * core depends on jOOQ alone, and the platform logger reaches {@code java.util.logging}, or SLF4J and
 * Log4j through their bridges, without adding a dependency.
 *
 * <p>Not thread-safe: part of a builder.
 */
public final class MarkerDiscovery {

    private static final System.Logger LOG = System.getLogger("io.github.softdelete.SoftDeletePolicy");
    private static final Set<Class<?>> TIMESTAMP_TYPES =
        Set.of(OffsetDateTime.class, LocalDateTime.class, Timestamp.class, Instant.class);

    private final MarkerConventions conventions;
    private final boolean declared;
    private final List<MarkerEntry> used = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<SoftDeletePolicy.Warning> warnings = new ArrayList<>();

    /**
     * @param description the user's entries, or null for the conventions alone
     * @param setting     where the user gives them, for messages, e.g. {@code markers(...)}
     * @throws IllegalArgumentException when the description is not in the syntax
     */
    public MarkerDiscovery(String description, String setting, String timestampColumn) {
        this.declared = description != null;
        this.conventions = MarkerConventions.of(description == null ? List.of() : MarkerEntry.parse(description, setting),
            timestampColumn, setting);
    }

    /**
     * Finds the markers of {@code schema}'s tables, except those {@code registered} already.
     *
     * @param register called with each soft-deletable table and its marker, in the schema's order
     * @return whether any table of the schema has a marker, registered before or now
     */
    public boolean scan(Schema schema, Predicate<Table<?>> registered, BiConsumer<Table<?>, Marker> register) {
        schemas.add('"' + schema.getName() + '"');
        boolean found = false;
        for (Table<?> table : schema.getTables()) {
            MarkerConventions.TableColumns columns = columns(schema, table);
            MarkerConventions.Choice choice = conventions.choose(columns);
            if (choice.source() != null)
                used.add(choice.source());
            if (registered.test(table)) {
                found |= choice.marker() != null;
                continue;
            }
            if (choice.problem() != null) {
                problems.add(choice.problem());
                continue;
            }
            if (choice.marker() != null) {
                found = true;
                register.accept(table, marker(table, choice.marker()));
            }
            for (String column : conventions.lookAlikes(columns, choice))
                warnings.add(new SoftDeletePolicy.Warning(table, table.field(column), conventions.lookAlikeMessage(columns, choice, column)));
        }
        return found;
    }

    /** {@return every problem: declared entries that cannot apply, or that no table used} */
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (declared && schemas.isEmpty())
            all.add("markers(...) says how schema(...) and database(...) find soft-deletable tables, but neither was"
                + " called; call one of them, or register tables with table(table, marker) and drop markers(...)");
        else if (declared)
            all.addAll(conventions.unused(used, "schema " + String.join(", ", schemas)));
        return all;
    }

    /** Sends each look-alike column to {@code sink}, or logs it as a warning when there is no sink. */
    public void warn(Consumer<? super SoftDeletePolicy.Warning> sink) {
        for (SoftDeletePolicy.Warning warning : warnings)
            if (sink != null)
                sink.accept(warning);
            else
                LOG.log(System.Logger.Level.WARNING, warning.message());
    }

    private static MarkerConventions.TableColumns columns(Schema schema, Table<?> table) {
        Map<String, MarkerConventions.ColumnType> columns = new LinkedHashMap<>();
        for (Field<?> field : table.fields())
            columns.put(field.getName(), type(field.getType()));
        return new MarkerConventions.TableColumns(schema.getName(), table.getName(), columns);
    }

    private static MarkerConventions.ColumnType type(Class<?> type) {
        if (type == Boolean.class)
            return MarkerConventions.ColumnType.BOOLEAN;
        if (TIMESTAMP_TYPES.contains(type))
            return MarkerConventions.ColumnType.TIMESTAMP;
        if (type == LocalDate.class || type == java.sql.Date.class)
            return MarkerConventions.ColumnType.DATE;
        return MarkerConventions.ColumnType.OTHER;
    }

    private static Marker marker(Table<?> table, MarkerEntry entry) {
        Marker marker = switch (entry.kind()) {
            case TIMESTAMP -> Marker.timestamp(table.field(entry.timestamp()));
            case FLAG -> Marker.flag(table.field(entry.flag()));
            case FLAG_AND_TIMESTAMP -> Marker.flagAndTimestamp(table.field(entry.flag()), table.field(entry.timestamp()));
            case NONE -> throw new IllegalStateException("none is no marker");
        };
        return entry.deletedBy() == null ? marker : marker.deletedBy(table.field(entry.deletedBy()));
    }
}
