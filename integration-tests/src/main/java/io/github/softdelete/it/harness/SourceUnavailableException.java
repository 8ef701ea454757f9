package io.github.softdelete.it.harness;

/**
 * Thrown by a {@link ServerSource} that cannot provide a server, so the next source is tried.
 * The message says why, in words that fit after the source's name.
 */
final class SourceUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    SourceUnavailableException(String reason) {
        super(reason);
    }

    SourceUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
