package io.github.softdelete.examples;

import org.jooq.DSLContext;

/**
 * One step of the story: what happens, the jOOQ code that does it, and that code as an action to run.
 * The code text is what the reader sees; keep it the same as {@code action}, minus the lines that
 * only put the outcome into the {@link StepResult}.
 *
 * @param title  one line, e.g. "A user deletes a post by mistake"
 * @param story  a short paragraph: what the user does and what the library does about it
 * @param code   the jOOQ code, at most 76 columns wide
 * @param action runs the code on the demo's context and records its outcome
 */
record Step(String title, String story, String code, Action action) {

    /** Runs a step's code. */
    @FunctionalInterface
    interface Action {
        void run(DSLContext ctx, StepResult result);
    }
}
