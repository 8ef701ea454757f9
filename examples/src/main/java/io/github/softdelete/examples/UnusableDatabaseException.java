package io.github.softdelete.examples;

/**
 * The database named by {@code --jdbc-url} cannot be used. The message is one line that names the
 * server, the problem and what to do; the demo prints it and exits with code 2, without a stack trace.
 */
final class UnusableDatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    UnusableDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
