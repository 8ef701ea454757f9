package io.github.softdelete.spring;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;

/**
 * Where the starter's policy comes from: a {@code SoftDeletePolicy} bean, a generated policy class named
 * by {@code softdelete.policy-class}, or the catalog of the schema named by {@code softdelete.schema}.
 * Exactly one must be given: choosing silently between two would install a policy the user did not mean.
 */
final class PolicySource {

    private final SoftDeletePolicy bean;
    private final SoftDeleteProperties properties;
    private final ClassLoader classLoader;

    private PolicySource(SoftDeletePolicy bean, SoftDeleteProperties properties, ClassLoader classLoader) {
        this.bean = bean;
        this.properties = properties;
        this.classLoader = classLoader;
    }

    /**
     * Checks that exactly one source is given.
     *
     * @throws SoftDeleteStartupException naming the sources and what to set
     */
    static PolicySource of(SoftDeletePolicy bean, SoftDeleteProperties properties, ClassLoader classLoader) {
        if (hasText(properties.getMarkers()) && !hasText(properties.getSchema()))
            throw new SoftDeleteStartupException("softdelete.markers=" + properties.getMarkers() + " says how"
                + " softdelete.schema finds soft-deletable tables, but softdelete.schema is not set, so nothing reads it.",
                "Set softdelete.schema, or declare the markers in the policy you give (the SoftDeletePolicy bean's"
                + " builder, or softdelete-codegen's softdelete.markers), and remove softdelete.markers.");
        List<String> given = new ArrayList<>();
        if (bean != null)
            given.add("a SoftDeletePolicy bean");
        if (hasText(properties.getPolicyClass()))
            given.add("softdelete.policy-class=" + properties.getPolicyClass());
        if (hasText(properties.getSchema()))
            given.add("softdelete.schema=" + properties.getSchema());
        if (given.isEmpty())
            throw new SoftDeleteStartupException("softdelete-spring-boot-starter has no soft-delete policy to install "
                + "on jOOQ.", "Define a SoftDeletePolicy bean, or set softdelete.policy-class to the policy class "
                + "softdelete-codegen generated (com.example.db.SoftDeletes), or softdelete.schema to read the "
                + "policy from the database catalog; or set softdelete.enabled=false to run without soft deletes.");
        if (given.size() > 1)
            throw new SoftDeleteStartupException("softdelete-spring-boot-starter was given " + String.join(" and ", given)
                + " as the soft-delete policy, and can install only one.", "Keep exactly one of them.");
        if (bean != null && properties.plainSqlSetting() != null && properties.plainSqlSetting() != bean.plainSql())
            throw new SoftDeleteStartupException("softdelete.plain-sql=" + properties.plainSqlSetting()
                + " cannot change the SoftDeletePolicy bean, which is built with plainSql(PlainSql." + bean.plainSql() + ").",
                "Set it on the bean's builder, and remove the property.");
        return new PolicySource(bean, properties, classLoader);
    }

    /** Whether the policy needs the database (a catalog-built one), so it is built once jOOQ is configured. */
    boolean needsDatabase() {
        return bean == null && !hasText(properties.getPolicyClass());
    }

    /**
     * The policy; {@code plain} (no soft-delete listener) reads the catalog when the policy comes from it.
     *
     * @throws SoftDeleteStartupException when the policy class is missing or is not a generated policy class,
     *                                    or the policy it or the catalog gives is not valid
     */
    SoftDeletePolicy policy(DSLContext plain) {
        if (bean != null)
            return bean;
        if (hasText(properties.getPolicyClass()))
            return fromClass(properties.getPolicyClass().trim());
        String schema = properties.getSchema().trim();
        try {
            return withSettings(CatalogPolicy.builder(plain, schema, properties.getMarkers()), "softdelete.schema=" + schema).build();
        } catch (IllegalArgumentException e) {
            // What Builder.database and build() throw for a schema that gives no valid policy. A database that
            // cannot be reached is left to fail as it does, as for any other bean that needs it.
            // markers(...) in the message is softdelete.markers: the starter passes the property to it as it is.
            throw new SoftDeleteStartupException("softdelete.schema=" + schema + (hasText(properties.getMarkers())
                ? " with softdelete.markers=" + properties.getMarkers() : "") + " gives no soft-delete policy: "
                + e.getMessage() + ".", "Set softdelete.schema to the schema whose soft-deletable tables have a marker"
                + " (deleted_at, a boolean is_deleted or deleted), and declare markers with other names in"
                + " softdelete.markers, e.g. softdelete.markers=ticket_tags = flag(hidden); check each entry of"
                + " softdelete.markers against the schema's tables and columns.", e);
        }
    }

    private SoftDeletePolicy fromClass(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, classLoader);
        } catch (ExceptionInInitializerError e) {
            throw new SoftDeleteStartupException("softdelete.policy-class=" + name + " could not be loaded: its static"
                + " initializer failed with " + e.getCause() + ".", "Regenerate the class with softdelete-codegen from the"
                + " current schema, or define a SoftDeletePolicy bean.", e);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SoftDeleteStartupException("softdelete.policy-class=" + name + " names no class on the class path.",
                "Name the policy class softdelete-codegen generated beside jOOQ's Keys (com.example.db.SoftDeletes).", e);
        }
        Method builder = staticMethod(type, "builder");
        if (builder != null && builder.getReturnType() == SoftDeletePolicy.Builder.class)
            return build(withSettings((SoftDeletePolicy.Builder) invoke(builder, name), "softdelete.policy-class=" + name), name);
        Field policy = staticField(type, "POLICY");
        if (policy != null && policy.getType() == SoftDeletePolicy.class && properties.plainSqlSetting() == null)
            return (SoftDeletePolicy) read(policy, name);
        throw new SoftDeleteStartupException("softdelete.policy-class=" + name + " is not a generated policy class: it "
            + "needs a public static SoftDeletePolicy.Builder builder()" + (properties.plainSqlSetting() == null
                ? " or a public static final SoftDeletePolicy POLICY" : " (softdelete.plain-sql is set)") + ".",
            "Name the class softdelete-codegen generated, or define a SoftDeletePolicy bean.");
    }

    private static SoftDeletePolicy build(SoftDeletePolicy.Builder builder, String className) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw invalidPolicy(className, e);
        }
    }

    private static SoftDeleteStartupException invalidPolicy(String className, IllegalArgumentException e) {
        return new SoftDeleteStartupException("softdelete.policy-class=" + className + " builds no valid soft-delete"
            + " policy: " + e.getMessage() + ".", "Regenerate the class with softdelete-codegen from the current"
            + " schema, or define a SoftDeletePolicy bean.", e);
    }

    private SoftDeletePolicy.Builder withSettings(SoftDeletePolicy.Builder builder, String source) {
        if (properties.plainSqlSetting() != null)
            try {
                builder.plainSql(properties.plainSqlSetting());
            } catch (IllegalStateException e) { // the class's builder sets it already: one of the two must go
                throw new SoftDeleteStartupException("softdelete.plain-sql=" + properties.plainSqlSetting() + " conflicts"
                    + " with " + source + ", whose builder sets it: " + e.getMessage() + ".",
                    "Remove the property, or the plainSql(...) call of the class's builder.", e);
            }
        return builder;
    }

    private static Method staticMethod(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Field staticField(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? field : null;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Object invoke(Method method, String className) {
        try {
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            // The builder checks each table as it is registered, so an invalid policy class can fail in builder()
            if (e.getCause() instanceof IllegalArgumentException invalid)
                throw invalidPolicy(className, invalid);
            throw new SoftDeleteStartupException("softdelete.policy-class=" + className + ": " + method.getName()
                + "() failed: " + (e.getCause() != null ? e.getCause() : e) + ".", "Regenerate the class with"
                + " softdelete-codegen, or define a SoftDeletePolicy bean.", e);
        } catch (ReflectiveOperationException e) {
            throw new SoftDeleteStartupException("softdelete.policy-class=" + className + ": " + method.getName()
                + "() failed: " + (e.getCause() != null ? e.getCause() : e) + ".", "Regenerate the class with"
                + " softdelete-codegen, or define a SoftDeletePolicy bean.", e);
        }
    }

    private static Object read(Field field, String className) {
        try {
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new SoftDeleteStartupException("softdelete.policy-class=" + className + ": cannot read "
                + field.getName() + ": " + e + ".", "Regenerate the class with softdelete-codegen, or define a"
                + " SoftDeletePolicy bean.", e);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
