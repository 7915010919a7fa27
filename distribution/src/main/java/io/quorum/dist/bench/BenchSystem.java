package io.quorum.dist.bench;

import io.quorum.api.election.ElectionProvider;
import io.quorum.dist.harness.PeerRuntime;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooConfig;
import io.quorum.dist.harness.ZooKeeperVersion;
import io.quorum.peer.election.ElectionRegistry;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One system under test: {@code quorum:<alg>} (our peer with any installed election algorithm,
 * named or numbered as zoo.cfg's electionAlg accepts it) or {@code zookeeper-<version>:<alg>} (a
 * real ZooKeeper release).
 *
 * @param label as given on the command line, e.g. {@code quorum:3}
 * @param runtime what runs in each peer process
 * @param config the zoo.cfg settings, the election algorithm among them
 * @param provider our algorithm, for the simulator; empty for ZooKeeper
 */
public record BenchSystem(String label, PeerRuntime runtime, ZooConfig config, Optional<ElectionProvider> provider) {

    private static final String QUORUM = "quorum";
    private static final String ZOOKEEPER = "zookeeper-";

    /**
     * Parses one system; our algorithms are looked up in {@code registry}, so a plugin's name works
     * as well as 0..3.
     *
     * @throws IllegalArgumentException naming what is wrong and what is available
     */
    public static BenchSystem parse(String text, ElectionRegistry registry) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("a system is runtime:algorithm, e.g. quorum:3 or zookeeper-3.9.5:3, not '"
                    + text + "'");
        }
        String runtime = parts[0];
        String alg = parts[1];
        if (runtime.equals(QUORUM)) {
            ElectionProvider provider = registry.find(alg).orElseThrow(() -> new IllegalArgumentException(
                    "system " + text + ": '" + alg + "' names no installed election algorithm; available: "
                            + registry.describeAvailable()));
            return new BenchSystem(text.trim(), QuorumRuntime.INSTANCE, new ZooConfig(alg), Optional.of(provider));
        }
        if (runtime.startsWith(ZOOKEEPER)) {
            String version = runtime.substring(ZOOKEEPER.length());
            ZooKeeperVersion release = ZooKeeperVersion.of(version).orElseThrow(() -> new IllegalArgumentException(
                    "system " + text + ": no ZooKeeper " + version + " baseline; available: " + releases()));
            int number = parseAlg(text, alg);
            if (!release.electionAlgs().contains(number)) {
                throw new IllegalArgumentException("system " + text + ": ZooKeeper " + version + " runs electionAlg "
                        + release.electionAlgs().stream().sorted().map(String::valueOf).collect(Collectors.joining(", "))
                        + ", not " + alg);
            }
            return new BenchSystem(text.trim(), release, ZooConfig.electing(number), Optional.empty());
        }
        throw new IllegalArgumentException("system " + text + ": the runtime is quorum or one of " + releases()
                + ", not '" + runtime + "'");
    }

    private static int parseAlg(String text, String alg) {
        try {
            return Integer.parseInt(alg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system " + text + ": ZooKeeper's electionAlg is a number, not '" + alg + "'");
        }
    }

    private static String releases() {
        return Arrays.stream(ZooKeeperVersion.values()).map(v -> ZOOKEEPER + v.version())
                .collect(Collectors.joining(", "));
    }

    /** Whether this is our peer (which reports its own election time, and runs in the simulator). */
    public boolean isQuorum() {
        return provider.isPresent();
    }

    /** The ZooKeeper release, for baselines. */
    public Optional<ZooKeeperVersion> zooKeeper() {
        return runtime instanceof ZooKeeperVersion version ? Optional.of(version) : Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
