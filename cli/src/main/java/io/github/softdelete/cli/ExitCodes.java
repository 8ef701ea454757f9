package io.github.softdelete.cli;

/** The exit codes the tool returns; scripts depend on them, so they never change. */
final class ExitCodes {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
