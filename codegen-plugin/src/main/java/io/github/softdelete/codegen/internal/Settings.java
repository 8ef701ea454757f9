package io.github.softdelete.codegen.internal;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import javax.lang.model.SourceVersion;

import io.github.softdelete.SoftDeletePolicy;

/**
 * The generator's settings, read from jOOQ's {@code <database><properties>}: the one place in jOOQ's
 * configuration that takes free key/value pairs, in Maven, Gradle and programmatic configuration
 * alike. Every key starts with {@code softdelete.}; an unknown one is an error, so a typo cannot
 * silently fall back to a default.
 *
 * @param markerColumn the marker column's name, {@code deleted_at} unless set
 * @param lint         what the schema lint does with its findings
 * @param policyClass  the simple name of the generated policy class, {@code SoftDeletes} unless set
 * @param markers      the entries of {@value #MARKERS}, as given; empty when there are none
 */
public record Settings(String markerColumn, Lint lint, String policyClass, String markers) {

    /** Settings without {@value #MARKERS} entries. */
    public Settings(String markerColumn, Lint lint, String policyClass) {
        this(markerColumn, lint, policyClass, "");
    }

    /**
     * Key of the per-table markers, e.g.
     * {@code documents = flag(is_deleted).deletedBy(deleted_by); flagAndTimestamp(removed, removed_at); audit_log = none},
     * in the syntax of {@code SoftDeletePolicy.Builder.markers}, which reads them. Tables that no entry matches get the
     * conventions' marker, with {@code markerColumn} as their timestamp ({@code Builder.conventionalTimestamp}).
     */
    public static final String MARKERS = "softdelete.markers";

    /** Key of the marker column's name. */
    public static final String MARKER_COLUMN = "softdelete.markerColumn";

    /** Key of the lint mode: {@code warn}, {@code fail} or {@code off}. */
    public static final String LINT = "softdelete.lint";

    /** Key of the generated policy class's simple name. */
    public static final String POLICY_CLASS = "softdelete.policyClass";

    private static final List<String> KEYS = List.of(MARKER_COLUMN, LINT, POLICY_CLASS, MARKERS);

    /** What the schema lint does with what it finds. */
    public enum Lint {
        /** Log each finding as a warning and generate anyway (the default). */
        WARN,
        /** Log each finding, then fail the generation before it writes any file. */
        FAIL,
        /** Do not run the lint. */
        OFF
    }

    /**
     * Reads and validates the {@code softdelete.*} properties.
     *
     * @param properties jOOQ's database properties; other keys are left to jOOQ
     * @return the settings
     * @throws IllegalArgumentException naming the property, its value and what it accepts
     */
    public static Settings from(Properties properties) {
        for (String key : new TreeSet<>(properties.stringPropertyNames()))
            if (key.startsWith("softdelete.") && !KEYS.contains(key))
                throw new IllegalArgumentException("unknown jOOQ database property " + key + "; softdelete-codegen"
                    + " reads " + String.join(", ", KEYS) + ": check the spelling");
        String marker = properties.getProperty(MARKER_COLUMN, "deleted_at").trim();
        if (marker.isEmpty())
            throw new IllegalArgumentException(MARKER_COLUMN + " is empty; name the marker column, or remove the"
                + " property to use deleted_at");
        String policyClass = properties.getProperty(POLICY_CLASS, "SoftDeletes").trim();
        if (!SourceVersion.isName(policyClass) || policyClass.contains("."))
            throw new IllegalArgumentException(POLICY_CLASS + " is \"" + policyClass + "\", which is not a simple"
                + " Java class name; use a name such as SoftDeletes (the class goes in the schema's package)");
        String markers = properties.getProperty(MARKERS, "");
        try {
            SoftDeletePolicy.builder().markers(markers); // checks the syntax now, as the policy's builder reads it
        } catch (IllegalArgumentException e) {
            // Suppressed, not the cause: the message in the generator's terms stays the root of what jOOQ's
            // GenerationTool reports.
            IllegalArgumentException inTerms = new IllegalArgumentException(inPropertyTerms(e.getMessage()));
            inTerms.addSuppressed(e);
            throw inTerms;
        }
        return new Settings(marker, lint(properties.getProperty(LINT, "warn").trim()), policyClass, markers);
    }

    /**
     * A message of core's policy builder, as the generator's user reads it: core names its method {@code markers(...)},
     * where this user wrote the database property {@value #MARKERS}.
     */
    static String inPropertyTerms(String message) {
        return message.replace("markers(...)", MARKERS);
    }

    /**
     * Whether {@value #MARKER_COLUMN} names another column than the default, which then must be some
     * table's marker: a misspelt name would otherwise leave every table's DELETE physical, silently.
     */
    public boolean markerColumnRenamed() {
        return !markerColumn.equals(SoftDeletePolicy.DEFAULT_MARKER);
    }

    private static Lint lint(String value) {
        try {
            return Lint.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LINT + " is \"" + value + "\"; use warn (log findings, the default),"
                + " fail (fail the generation on any finding) or off", e);
        }
    }
}
