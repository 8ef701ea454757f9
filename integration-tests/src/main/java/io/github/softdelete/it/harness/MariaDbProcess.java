package io.github.softdelete.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code mariadbd} process on a data directory that mariadb-install-db prepared, from start until
 * it is stopped. Thread-safe.
 */
final class MariaDbProcess {

    private static final int PORT_TRIES = 3;
    private static final long START_MILLIS = 60_000;
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final int port;
    private final Path errorLog;
    private volatile boolean stopped;

    private MariaDbProcess(Process process, int port, Path errorLog) {
        this.process = process;
        this.port = port;
        this.errorLog = errorLog;
    }

    /**
     * Starts mariadbd on a free port of 127.0.0.1 and waits until it accepts connections. The data
     * directory is {@code directory/data}; its socket, pid file and logs go to {@code directory}.
     */
    static MariaDbProcess start(Path mariadbd, Path directory, boolean asRoot) throws SourceUnavailableException {
        Path errorLog = directory.resolve("error.log");
        for (int attempt = 1; ; attempt++) {
            int port;
            Process process;
            try {
                // Another program may take the port before mariadbd binds it: then try another.
                port = InstalledMariaDbSource.freePort();
                process = new ProcessBuilder(command(mariadbd, directory, port, asRoot))
                        .redirectErrorStream(true).redirectOutput(directory.resolve("mariadbd.out").toFile()).start();
            } catch (IOException e) {
                throw new SourceUnavailableException("starting " + mariadbd + " failed: " + e, e);
            }
            MariaDbProcess started = new MariaDbProcess(process, port, errorLog);
            if (started.awaitConnections()) {
                return started;
            }
            started.stop();
            String log = tail(errorLog);
            if (!(log.contains("Address already in use") && attempt < PORT_TRIES)) {
                throw new SourceUnavailableException(mariadbd + " did not accept connections on port " + port
                        + " within " + START_MILLIS / 1000 + " s. Its log (" + errorLog + "):\n" + log);
            }
        }
    }

    private static List<String> command(Path mariadbd, Path directory, int port, boolean asRoot) {
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults"));
        if (asRoot) {
            command.add("--user=root");
        }
        command.addAll(List.of(
                "--datadir=" + directory.resolve("data"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + directory.resolve("mariadbd.sock"),
                "--pid-file=" + directory.resolve("mariadbd.pid"),
                // A temporary directory of its own: with /tmp shared by the servers of parallel builds, queries lost
                // their internal temporary tables mid-query ("Error on delete of '/tmp/#sql-temptable-...' (Errcode:
                // 2)"), seen several times on this machine; which process removed them was not found out.
                "--tmpdir=" + directory,
                "--log-error=" + directory.resolve("error.log"),
                "--skip-name-resolve",
                // Without it, --no-defaults leaves latin1_swedish_ci. A _ci collation would make unique
                // keys and comparisons case-insensitive ('Bob' = 'bob'), unlike PostgreSQL, where the
                // reference schema's keys are case-sensitive: utf8mb4_bin compares as PostgreSQL's "C"
                // collation does, byte for byte.
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_bin",
                // UTC for every session, the harness's (which also ask for it) and any other client's,
                // so NOW(6) writes the same DATETIME(6) values as jOOQ's bound OffsetDateTime values.
                "--default-time-zone=+00:00",
                // The default 151 is too few for the concurrency tests' pools over a whole run.
                "--max-connections=300"));
        // Left at the server's defaults on purpose: sql_mode (strict) and innodb_lock_wait_timeout (50 s).
        return command;
    }

    private boolean awaitConnections() {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=1000";
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                DriverManager.getConnection(url).close();
                return true;
            } catch (SQLException e) {
                // Not listening yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    int port() {
        return port;
    }

    /**
     * Why the server is gone when it ended without being stopped (a crash, or the kernel's OOM killer): its exit
     * code and the end of its error log, where mariadbd writes the signal and the query it was running. Empty while
     * it runs or after {@link #stop()}.
     */
    Optional<String> lost() {
        if (stopped || process.isAlive()) {
            return Optional.empty();
        }
        int code = process.exitValue();
        // A process killed by signal S exits with 128 + S as Java reports it.
        String how = code > 128 ? "was killed by signal " + (code - 128) : "exited with code " + code;
        return Optional.of("mariadbd (pid " + process.pid() + ", port " + port + ") " + how + " while the tests ran. The end of its"
                + " error log (" + errorLog + "):\n" + tail(errorLog, 60));
    }

    /** Shuts the server down (SIGTERM, as mariadb-admin shutdown does), forcibly after 30 s. */
    void stop() {
        stopped = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last 20 lines of a log, for a message. */
    static String tail(Path log) {
        return tail(log, 20);
    }

    /** The last {@code count} lines of a log, for a message. */
    static String tail(Path log, int count) {
        try {
            // Decoding replaces what is not UTF-8 instead of failing, as readAllLines would.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
