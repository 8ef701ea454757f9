package io.github.softdelete.internal;

import org.jooq.Constants;

/** The jOOQ version on the class path at runtime, for messages. */
final class JooqVersion {

    /**
     * Read reflectively: {@code Constants.FULL_VERSION} is a compile-time constant, which javac would
     * inline as the version this library was compiled against.
     */
    static final String RUNNING = running();

    private JooqVersion() {
    }

    private static String running() {
        try {
            return String.valueOf(Constants.class.getField("FULL_VERSION").get(null));
        } catch (ReflectiveOperationException e) {
            return "(unknown version)";
        }
    }
}
