package io.github.softdelete.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway MariaDB server run from the {@code mariadbd} installed on this machine (Debian's
 * {@code mariadb-server}), in a temporary data directory on a free port of 127.0.0.1, stopped and
 * deleted when closed. It follows docs/mariadb-facts.md ("A throwaway server in CI").
 */
final class InstalledMariaDbSource implements ServerSource<MariaDbServer> {

    private static final long START_SECONDS = 60;

    private final List<Path> directories;

    /** Looks for the programs in {@code directories}, in order. */
    InstalledMariaDbSource(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Looks in PATH, then in /usr/sbin and /usr/bin, where Debian puts them. */
    static InstalledMariaDbSource onThisMachine() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            Stream.of(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty()).map(Path::of).forEach(directories::add);
        }
        directories.add(Path.of("/usr/sbin"));
        directories.add(Path.of("/usr/bin"));
        return new InstalledMariaDbSource(directories);
    }

    @Override
    public String name() {
        return "mariadbd installed on this machine";
    }

    @Override
    public String howToProvide() {
        return "Install Debian's MariaDB server (as root: apt-get install mariadb-server); the harness starts"
                + " mariadbd itself in a temporary directory, and needs no running service.";
    }

    @Override
    public MariaDbServer start() throws SourceUnavailableException {
        Path mariadbd = find("mariadbd");
        Path installDb = find("mariadb-install-db");
        Path directory;
        try {
            directory = Files.createTempDirectory("softdelete-mariadb-");
        } catch (IOException e) {
            throw new SourceUnavailableException("creating its temporary directory failed: " + e, e);
        }
        try {
            install(installDb, directory);
            MariaDbProcess process = MariaDbProcess.start(mariadbd, directory, asRoot());
            String password = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
            try {
                secureRoot(process.port(), password);
            } catch (SQLException e) {
                process.stop();
                throw new SourceUnavailableException(mariadbd + " started, but setting up its user failed: " + e.getMessage(), e);
            }
            JdbcUrl url = JdbcUrl.parseMariaDb("jdbc:mariadb://127.0.0.1:" + process.port() + "/");
            return new MariaDbServer(name() + " (" + mariadbd + ")", url, "root", password, () -> {
                process.stop();
                deleteRecursively(directory);
            }, process::lost);
        } catch (SourceUnavailableException | RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
    }

    private Path find(String program) throws SourceUnavailableException {
        Optional<Path> found = directories.stream().map(directory -> directory.resolve(program)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            throw new SourceUnavailableException("no " + program + " in " + directories.stream().map(Path::toString).distinct().toList() + ".");
        }
        return found.get();
    }

    private static void install(Path installDb, Path directory) throws SourceUnavailableException {
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults"));
        if (asRoot()) {
            command.add("--user=root");
        }
        command.addAll(List.of("--datadir=" + directory.resolve("data"),
                // root logs in with a password (set in secureRoot), not through the Unix socket's user.
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        Path log = directory.resolve("install.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SourceUnavailableException(installDb + " did not finish in " + START_SECONDS + " s.");
            }
            if (process.exitValue() != 0) {
                throw new SourceUnavailableException(installDb + " failed with exit code " + process.exitValue() + ":\n"
                        + MariaDbProcess.tail(log));
            }
        } catch (IOException e) {
            throw new SourceUnavailableException("running " + installDb + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while running " + installDb + ".", e);
        }
    }

    /**
     * mariadb-install-db makes four password-less root accounts (localhost, 127.0.0.1, ::1, the host
     * name). Any local user could log in as root while the tests run, so the two the harness can use
     * get a random password and the others go.
     */
    private static void secureRoot(int port, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
                Statement statement = connection.createStatement()) {
            List<String> hosts = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT host FROM mysql.user WHERE user = 'root'")) {
                while (result.next()) {
                    hosts.add(result.getString(1));
                }
            }
            for (String host : hosts) {
                String account = "root@'" + host.replace("'", "''") + "'";
                boolean kept = host.equals("127.0.0.1") || host.equals("localhost");
                // The password is base 36: nothing in it needs quoting.
                statement.execute(kept ? "ALTER USER " + account + " IDENTIFIED BY '" + password + "'" : "DROP USER " + account);
            }
        }
    }

    /** Debian's packages run it as root with --user=root; anyone else runs it as themselves. */
    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover directory under java.io.tmpdir, named softdelete-mariadb-*: safe to delete by hand.
        }
    }

    /** A free TCP port on the loopback address, for the moment. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
