package io.github.softdelete.spring;

/**
 * A reason the starter cannot start, in two parts: what is wrong, and what to do about it. Spring Boot shows
 * them apart, under "Description" and "Action", through {@link StartupFailureAnalyzer}; everywhere else (a log,
 * a test's context runner) the message carries both, in that order.
 *
 * <p>It is an {@link IllegalStateException}, the type the starter's javadoc promises for a misconfiguration.
 * Immutable and thread-safe.
 */
final class SoftDeleteStartupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    SoftDeleteStartupException(String description, String action) {
        this(description, action, null);
    }

    SoftDeleteStartupException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    /** {@return what is wrong, in a sentence or two} */
    String description() {
        return description;
    }

    /** {@return what to change so that the application starts} */
    String action() {
        return action;
    }
}
