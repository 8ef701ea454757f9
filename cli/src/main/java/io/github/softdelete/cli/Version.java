package io.github.softdelete.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, for {@code --version}. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SoftDeleteCli.class.getPackage().getImplementationVersion();
        return new String[] { "softdelete-cli " + (version == null ? "(development build)" : version) };
    }
}
