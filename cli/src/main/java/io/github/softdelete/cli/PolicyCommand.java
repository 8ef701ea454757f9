package io.github.softdelete.cli;

import java.util.concurrent.Callable;

import org.jooq.DSLContext;

import io.github.softdelete.SoftDeletePolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * How every command starts: the connection and {@code --verbose} options, then its own options checked,
 * the database opened and the soft-delete policy loaded (from {@code --policy-class} or the catalog);
 * the command's {@link #run} works on those, and the connection is closed however it ends.
 *
 * <p>Picocli finds the annotated fields of a superclass, so every subclass has these options.
 */
abstract class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    VerboseOption verbose;

    /** The schema the command works on, {@link Database#schema()}: set before {@link #run}. */
    String schema;

    @Override
    public final Integer call() {
        checkOptions();
        connection.requireNoMarkerOptionsWithPolicyClass();
        try (Database database = Database.open(connection)) {
            schema = database.schema();
            SoftDeletePolicy policy = PolicySource.load(connection, schema, database.plain(), spec.commandLine().getErr());
            return run(database.plain(), policy);
        }
    }

    /**
     * Refuses the command's own bad options, before anything connects.
     *
     * @throws UsageException for an option out of its range; none by default
     */
    void checkOptions() {
    }

    /**
     * Does the command's work on the database, through {@code plain} (jOOQ without listeners), and
     * returns its exit code.
     */
    abstract int run(DSLContext plain, SoftDeletePolicy policy);
}
