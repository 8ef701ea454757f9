package io.github.softdelete.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code softdelete} command: purge rows soft-deleted long ago, show what is deleted, and run the
 * schema lint, against a live PostgreSQL or MariaDB database (the JDBC URL says which).
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad arguments or a database that cannot be reached with the
 * URL and login given. Every failure prints one line on stderr.
 */
@Command(name = "softdelete", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Purges rows soft-deleted long ago, shows what is deleted, and runs the schema lint,"
        + " on a live PostgreSQL or MariaDB database.",
    subcommands = { PurgeCommand.class, StatusCommand.class, LintCommand.class, CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = { "0:success",
        "1:failure: the purge or a query failed or was refused, or the lint found traps",
        "2:bad arguments, or a URL or login that reaches no database" })
public final class SoftDeleteCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: purge, status or lint");
    }

    public static void main(String... args) {
        LibraryLogging.quiet();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SoftDeleteCli());
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("softdelete: " + oneLine(e.getMessage())
                + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof UsageException || e instanceof UnusableDatabaseException) {
                err.println("softdelete: " + oneLine(e.getMessage()));
                return ExitCodes.USAGE;
            }
            err.println("softdelete: " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        });
        return commandLine.execute(args);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
