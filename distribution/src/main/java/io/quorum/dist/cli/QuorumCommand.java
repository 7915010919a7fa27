package io.quorum.dist.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quorum} command: one entry point with a subcommand per task. */
@Command(
        name = "quorum",
        mixinStandardHelpOptions = true,
        versionProvider = QuorumCommand.Version.class,
        description = "A ZooKeeper-compatible quorum peer with pluggable leader election.",
        subcommands = {StartCommand.class, EnsembleCommand.class, StatusCommand.class, SimCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class QuorumCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new QuorumCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = QuorumCommand.class.getPackage().getImplementationVersion();
            return new String[] {"quorum " + (version == null ? "development" : version)};
        }
    }
}
