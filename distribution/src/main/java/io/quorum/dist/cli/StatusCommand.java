package io.quorum.dist.cli;

import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrClient;
import io.quorum.dist.status.StatusTable;
import io.quorum.dist.status.StatusTarget;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quorum status}: what each peer of an ensemble says to {@code srvr}, one line per peer. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Asks each peer for srvr on its client port and prints one line per peer.",
            "Works with our peers and Apache ZooKeeper's alike; LEADER, EPOCH and ELECTION are '-' for a "
                    + "ZooKeeper peer, which does not report them.",
            "Give the peers' client addresses, or a zoo.cfg to ask every server it lists (read as `quorum start` "
                    + "reads it, so its dataDir must hold the myid file)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:some peer reports Mode: leader",
            "1:no peer does (no leader is serving)",
            "2:bad options, or a zoo.cfg that cannot be used"})
final class StatusCommand implements Callable<Integer> {
    /** An hour: a peer that takes longer to answer srvr is down for any practical purpose. */
    private static final long MAX_TIMEOUT_MILLIS = 3_600_000;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST:PORT", arity = "0..*",
            description = "a peer's client address, e.g. 127.0.0.1:2181 or [::1]:2181")
    List<String> addresses = List.of();

    @Option(names = "--config", paramLabel = "ZOO_CFG",
            description = "ask every server of this zoo.cfg at its client port (its ;clientPort part, else clientPort)")
    Path config;

    @Option(names = "--timeout", defaultValue = "2000", paramLabel = "MILLIS",
            description = "connect and read timeout per peer, in milliseconds (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Override
    public Integer call() {
        if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            throw new ParameterException(spec.commandLine(),
                    "--timeout must be from 1 to " + MAX_TIMEOUT_MILLIS + " milliseconds, not " + timeoutMillis);
        }
        if (config != null && !addresses.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "give either HOST:PORT addresses or --config, not both");
        }
        if (config == null && addresses.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the peers' HOST:PORT addresses or --config ZOO_CFG");
        }
        List<StatusTarget> targets;
        if (config == null) {
            targets = parseAddresses();
        } else {
            try {
                targets = StatusTarget.fromConfig(QuorumPeerConfig.parse(config));
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(ConfigErrors.describe("status", config, e));
                return ConfigErrors.EXIT_CODE;
            }
        }
        List<Probe> probes = new SrvrClient(Duration.ofMillis(timeoutMillis)).askAll(targets);
        PrintWriter out = spec.commandLine().getOut();
        StatusTable.lines(probes).forEach(out::println);
        out.flush();
        if (probes.stream().anyMatch(Probe::isLeader)) {
            return 0;
        }
        spec.commandLine().getErr().println("quorum status: no peer reports Mode: leader");
        return 1;
    }

    private List<StatusTarget> parseAddresses() {
        List<StatusTarget> targets = new ArrayList<>();
        for (String address : addresses) {
            try {
                targets.add(StatusTarget.parse(address));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for HOST:PORT: " + e.getMessage());
            }
        }
        return targets;
    }
}
