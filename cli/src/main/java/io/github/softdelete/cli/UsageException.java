package io.github.softdelete.cli;

/** An argument that parses but cannot be used, such as a URL that is not PostgreSQL's; exit code 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
