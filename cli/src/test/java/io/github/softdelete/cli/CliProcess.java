package io.github.softdelete.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The tool run as a process of its own, on this test's class path, as a user runs it. */
final class CliProcess {

    // Each stream gets a thread of its own, never the common pool. On a two-core machine the common pool
    // has one worker; JDK 17's runAsync then starts a thread per task, but JDK 25 ran both readers on
    // that one worker, so the stdout reader, blocked until the tool ended, kept stderr unread meanwhile.
    private static final Executor OWN_THREAD = task -> {
        Thread thread = new Thread(task, "cli-process-reader");
        thread.setDaemon(true);
        thread.start();
    };

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    private CliProcess(Process process) {
        this.process = process;
        this.outDone = CompletableFuture.runAsync(() -> drain(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), out), OWN_THREAD);
        this.errDone = CompletableFuture.runAsync(() -> drain(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8), err), OWN_THREAD);
    }

    static CliProcess start(String... args) throws IOException {
        // No -Dorg.jooq.no-logo or log settings: the tool must keep stderr clean by itself.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), SoftDeleteCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PGPASSWORD");
        return new CliProcess(builder.start());
    }

    /** Runs to the end (at most two minutes) and returns the exit code. */
    static Result run(String... args) throws Exception {
        CliProcess process = start(args);
        return process.await();
    }

    Result await() throws Exception {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the tool did not finish within two minutes; stderr: " + err);
        }
        outDone.get(10, TimeUnit.SECONDS);
        errDone.get(10, TimeUnit.SECONDS);
        return new Result(process.exitValue(), List.copyOf(out), List.copyOf(err));
    }

    /** Waits until stderr has a line that matches, at most a minute, and returns stderr so far. */
    List<String> awaitErrLine(Predicate<String> line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (err.stream().anyMatch(line))
                return List.copyOf(err);
            if (!process.isAlive())
                throw new AssertionError("the tool ended before the line appeared; stderr: " + err + " stdout: " + out);
            Thread.sleep(10);
        }
        throw new AssertionError("no such line on stderr within a minute: " + err);
    }

    /** The tool's threads as jstack prints them, to show where a process that hangs waits. */
    String threadDump() {
        long pid = process.pid();
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                String.valueOf(pid)).redirectErrorStream(true).start();
            return new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Kills the process as {@code kill -9} would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static void drain(InputStreamReader stream, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(stream)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine())
                lines.add(line);
        } catch (IOException e) {
            // The process was killed; what was read is kept.
        }
    }

    record Result(int exitCode, List<String> out, List<String> err) {

        String outText() {
            return String.join("\n", out);
        }
    }
}
