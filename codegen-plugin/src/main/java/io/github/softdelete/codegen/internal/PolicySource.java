package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jooq.codegen.JavaWriter;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDeletePolicy;

/**
 * Writes the body of the generated policy class of one schema. References come in already resolved
 * by the generator ({@code Users.USERS}, {@code Keys.POSTS__POSTS_AUTHOR_ID_FKEY}), so this class
 * only decides the shape of the source.
 */
public final class PolicySource {

    /**
     * A soft-deletable table.
     *
     * @param table  Java expression of the table, e.g. {@code Users.USERS}
     * @param marker Java expression of its marker: a column for a {@code deleted_at}-style timestamp, e.g.
     *               {@code Users.USERS.DELETED_AT}, else a {@code Marker}, e.g.
     *               {@code Marker.flag(Documents.DOCUMENTS.IS_DELETED).deletedBy(Documents.DOCUMENTS.DELETED_BY)}
     */
    public record Table(String table, String marker) {
    }

    /**
     * A foreign key's declared ON DELETE rule.
     *
     * @param key  Java expression of the key, e.g. {@code Keys.POSTS__POSTS_AUTHOR_ID_FKEY}
     * @param rule the rule the catalog gives it
     */
    public record Rule(String key, OnDelete rule) {
    }

    /**
     * A view over soft-deletable tables.
     *
     * @param view       Java expression of the view, e.g. {@code UserEmails.USER_EMAILS}
     * @param definition its definition, as the database prints it
     */
    public record View(String view, String definition) {
    }

    private PolicySource() {
    }

    /**
     * Prints the class, from its javadoc to its closing brace.
     *
     * @param classJavadoc prints the class's javadoc, as jOOQ prints its own (or not, when javadoc is off)
     * @param rulesNote    why the rules are missing, or null when they were read from the catalog
     */
    public static void write(JavaWriter out, Consumer<String> classJavadoc, String className, String schema, String marker,
                             List<Table> tables, List<Rule> rules, String rulesNote) {
        write(out, classJavadoc, className, schema, marker, tables, rules, List.of(), rulesNote);
    }

    /** Like the method above, also registering the views over soft-deletable tables with their definitions. */
    public static void write(JavaWriter out, Consumer<String> classJavadoc, String className, String schema, String marker,
                             List<Table> tables, List<Rule> rules, List<View> views, String rulesNote) {
        String policy = out.ref(SoftDeletePolicy.class);
        String onDelete = rules.isEmpty() ? null : out.ref(OnDelete.class);
        classJavadoc.accept("The soft-delete policy of schema <code>" + schema + "</code>: every table with a marker declared in"
            + " <code>softdelete.markers</code> or by the conventions (a <code>" + marker + "</code> timestamp, an"
            + " <code>is_deleted</code> or <code>deleted</code> flag, a <code>deleted_by</code> beside them), and the"
            + " <code>ON DELETE</code> rule of every foreign key that references one. Install it"
            + " with <code>SoftDelete.install(configuration, " + className + ".POLICY)</code>.\n<p>\n"
            + (rulesNote == null
            ? "The rules were read from the database catalog when this class was generated, because jOOQ 3.19 keeps"
                + " no <code>ON DELETE</code> rule in its metadata; this policy is therefore complete on jOOQ 3.19,"
                + " where <code>SoftDeletePolicy.forSchema(schema)</code> treats every foreign key as"
                + " <code>NO ACTION</code>."
            : "No rule is declared: " + rulesNote));
        out.println("public final class %s {", className);
        out.javadoc("The policy, immutable and thread-safe.");
        out.println("public static final %s POLICY = builder().build();", policy);
        out.javadoc("A builder holding this schema's tables and rules, to add settings such as"
            + " <code>plainSql(PlainSql.REFUSE)</code> before building.");
        out.println("public static %s.Builder builder() {", policy);
        List<String> chain = new ArrayList<>();
        chain.add("return " + policy + ".builder()");
        for (Table table : tables)
            chain.add("\t.table(" + table.table() + ", " + table.marker() + ")");
        for (Rule rule : rules)
            chain.add("\t.onDelete(" + rule.key() + ", " + onDelete + "." + rule.rule().name() + ")");
        for (View view : views)
            chain.add("\t.view(" + view.view() + ", " + javaString(view.definition()) + ")");
        for (int i = 0; i < chain.size(); i++)
            out.println(chain.get(i) + (i == chain.size() - 1 ? ";" : ""));
        out.println("}");
        out.println();
        out.println("private %s() {", className);
        out.println("}");
        out.println("}");
    }

    // The definition as one Java string literal, exactly as the database printed it.
    private static String javaString(String sql) {
        return '"' + sql.strip().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t") + '"';
    }
}
