package io.github.softdelete.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;

/** Where a command's policy comes from: a generated policy class, or the database catalog. */
final class PolicySource {

    private PolicySource() {
    }

    static SoftDeletePolicy load(ConnectionOptions options, String schema, DSLContext plain, PrintWriter err) {
        if (options.policyClass != null)
            return generated(options.policyClass);
        return CatalogPolicy.read(plain, schema, options, err);
    }

    private static SoftDeletePolicy generated(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageException("--policy-class " + className + " is not on the class path; run the tool as"
                + " java -cp softdelete-cli-all.jar:your-app.jar io.github.softdelete.cli.SoftDeleteCli ...");
        }
        try {
            Field field = type.getField("POLICY");
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof SoftDeletePolicy policy)
                return policy;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // Reported below, with what the class must have.
        }
        throw new UsageException("--policy-class " + className + " has no public static SoftDeletePolicy POLICY field;"
            + " name the class softdelete-codegen generated for the schema (e.g. com.example.db.SoftDeletes)");
    }
}
