package io.github.softdelete.codegen.internal;

import org.jooq.tools.JooqLogger;

/**
 * The code generator's logger, which the lint and the policy class's writer log to. Thread-safe.
 *
 * <p>Its category is the generator's class name, where users of jOOQ's code generator look for its
 * messages. It is spelled out rather than taken from {@code SoftDeleteJavaGenerator.class}, so that this
 * package does not import the generator that calls it (a package cycle); a test checks that the two agree.
 */
final class GeneratorLog {

    static final String CATEGORY = "io.github.softdelete.codegen.SoftDeleteJavaGenerator";

    static final JooqLogger LOG = JooqLogger.getLogger(CATEGORY);

    private GeneratorLog() {
    }
}
