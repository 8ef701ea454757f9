package io.github.softdelete.internal.jooq;

/** The version of the jOOQ on the class path, for messages. */
public final class JooqVersion {

    private JooqVersion() {
    }

    /**
     * {@code org.jooq.Constants.FULL_VERSION} of the running jOOQ. It is a compile-time constant, which
     * javac would copy into this class as the version we compiled against, so read it reflectively.
     */
    public static String running() {
        try {
            return String.valueOf(Class.forName("org.jooq.Constants").getField("FULL_VERSION").get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "(unknown version)";
        }
    }
}
