package io.github.softdelete.cli;

/** The URL and login given reach no database (SQLSTATE class 08, 28 or 3D); exit code 2. */
final class UnusableDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnusableDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
