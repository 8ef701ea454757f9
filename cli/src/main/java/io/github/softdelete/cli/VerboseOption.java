package io.github.softdelete.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every command: the libraries' log messages on stderr. */
final class VerboseOption {

    // A setter, so that picocli applies it while parsing, before the command makes any jOOQ logger.
    @Option(names = "--verbose", description = "Also show the libraries' log messages (jOOQ's, the JDBC driver's)"
        + " on stderr, from INFO up; without it, stderr carries only the tool's own lines")
    void verbose(boolean verbose) {
        if (verbose)
            LibraryLogging.verbose();
    }
}
