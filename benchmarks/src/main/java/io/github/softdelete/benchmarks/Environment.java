package io.github.softdelete.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openjdk.jmh.util.Version;

/**
 * What the figures were taken on, for the report: processor, cores, memory, load, JDK and library
 * versions, and the PostgreSQL server.
 *
 * @param machine    processor model, logical cores and memory
 * @param os         operating system and kernel
 * @param jdk        the JVM that ran the benchmarks (JMH forks use the same)
 * @param jooq       jOOQ's version, read at run time
 * @param jmh        JMH's version
 * @param postgres   the server's version and where it came from, or null when no database benchmark ran
 * @param loadBefore the 1, 5 and 15-minute load averages when the run started: other work on the machine
 */
record Environment(String machine, String os, String jdk, String jooq, String jmh, String postgres, String loadBefore) {

    /** This machine and JVM. */
    static Environment describe(String postgres) {
        String machine = cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " logical cores, "
            + memory() + " RAM";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vendor") + ")";
        return new Environment(machine, os, jdk, jooqVersion(), Version.getPlainVersion(), postgres, loadAverage());
    }

    /** The 1, 5 and 15-minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        List<String> line = lines("/proc/loadavg");
        if (line.isEmpty())
            return "unknown";
        String[] fields = line.get(0).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo"))
            if (line.startsWith("model name"))
                return line.substring(line.indexOf(':') + 1).trim();
        return System.getProperty("os.arch");
    }

    private static String memory() {
        for (String line : lines("/proc/meminfo"))
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return Math.round(kib / 1024.0 / 1024.0) + " GiB";
            }
        return Math.round(Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0) + " MiB heap";
    }

    // org.jooq.Constants.FULL_VERSION is a compile-time constant: a direct reference would print the
    // version compiled against, not the one on the class path.
    private static String jooqVersion() {
        try {
            return (String) Class.forName("org.jooq.Constants").getField("FULL_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            return "unknown (" + e + ")";
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
