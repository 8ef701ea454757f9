package io.github.softdelete.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries' log lines off stderr unless {@code --verbose} asks for them. The tool's stderr
 * carries its own lines only (progress, and one line per failure), which scripts rely on; jOOQ would
 * otherwise print its logo, a tip of the day, and warnings such as the "Version mismatch" that jOOQ 3.21
 * logs on each connection about the server's version, and the driver warns about a URL it cannot parse.
 *
 * <p>jOOQ logs through SLF4J, for which the tool ships slf4j-simple, and so does MariaDB's driver when
 * SLF4J is there; the PostgreSQL driver logs through {@code java.util.logging}. slf4j-simple reads its settings from system properties once, when
 * the first logger is made, so both methods must run before any jOOQ class logs: {@link #quiet()} first
 * thing in {@code main}, {@link #verbose()} while picocli parses the arguments, before a command runs.
 */
final class LibraryLogging {

    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private LibraryLogging() {
    }

    /** Silences the libraries, unless the user set slf4j-simple's level with {@code -D} already. */
    static void quiet() {
        // jOOQ's own switches for its logo and its tip of the day, the same the build's surefire setup passes.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.getProperties().putIfAbsent(SLF4J_LEVEL, "off");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /** Lets the libraries' messages from INFO up through to stderr. */
    static void verbose() {
        System.setProperty(SLF4J_LEVEL, "info");
        Logger.getLogger("").setLevel(Level.INFO);
    }
}
