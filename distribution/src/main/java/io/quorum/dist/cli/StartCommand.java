package io.quorum.dist.cli;

import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quorum start}: one peer in the foreground, as {@code zkServer.sh start-foreground}. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one peer in the foreground from a zoo.cfg, logging to the console.",
            "As ZooKeeper's zkServer.sh start-foreground: the keys are ZooKeeper's, and the peer's id is read "
                    + "from the myid file in its dataDir. Ctrl-C or SIGTERM stops the peer."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the peer stopped cleanly",
            "1:the peer could not start or failed",
            "2:the configuration cannot be used (the message names the key, line or file)"})
final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ZOO_CFG", description = "the peer's configuration file, e.g. conf/zoo.cfg")
    Path config;

    @Override
    public Integer call() {
        QuorumPeerConfig parsed;
        try {
            parsed = QuorumPeerConfig.parse(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(ConfigErrors.describe("start", config, e));
            return ConfigErrors.EXIT_CODE;
        }
        return QuorumPeerMain.runFromConfig(parsed);
    }
}
