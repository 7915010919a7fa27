package io.quorum.dist.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start (launch of every peer until one leader and every other peer following) and failover
 * (kill -9 of the leader until a new leader with every survivor following), observed from outside
 * through {@code srvr} polled every 2 ms, the same way for every system, trials interleaved (A B A
 * B ...) in one run after a warm-up trial each. A benchmark, not a test: run it by hand with
 * {@code FailoverBenchmark <size> <trials> [systems]} on the failsafe class path (see the README);
 * systems are {@code quorum:<alg>}, {@code zookeeper-3.9.5:3} and {@code zookeeper-3.4.14:<alg>},
 * default {@code quorum:3,zookeeper-3.9.5:3}.
 */
public final class FailoverBenchmark {
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Fine enough for failovers of tens of milliseconds; the same for every system. */
    private static final Duration POLL = Duration.ofMillis(2);

    private record SystemUnderTest(String name, PeerRuntime runtime, ZooConfig config) {
        static SystemUnderTest parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a system is runtime:electionAlg, e.g. quorum:3, not " + text);
            }
            PeerRuntime runtime = switch (parts[0]) {
                case "quorum" -> QuorumRuntime.INSTANCE;
                case "zookeeper-3.9.5" -> ZooKeeperVersion.V3_9_5;
                case "zookeeper-3.4.14" -> ZooKeeperVersion.V3_4_14;
                default -> throw new IllegalArgumentException("unknown runtime " + parts[0]);
            };
            return new SystemUnderTest(text, runtime, ZooConfig.electing(Integer.parseInt(parts[1])));
        }
    }

    private record Trial(long coldStartMillis, long failoverMillis) {
    }

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String systemList = args.length > 2 ? args[2] : "quorum:3,zookeeper-3.9.5:3";
        List<SystemUnderTest> systems = new ArrayList<>();
        for (String text : systemList.split(",")) {
            systems.add(SystemUnderTest.parse(text));
        }
        Map<String, List<Trial>> results = new LinkedHashMap<>();
        systems.forEach(system -> results.put(system.name(), new ArrayList<>()));
        Path root = Files.createTempDirectory("failover-bench");
        for (int trial = 0; trial <= trials; trial++) {
            for (SystemUnderTest system : systems) {
                Trial result = oneTrial(system, size, root.resolve(system.name().replace(':', '-') + "-" + trial));
                if (trial > 0) { // trial 0 warms the page cache and the disk up
                    results.get(system.name()).add(result);
                }
                report("trial " + trial + " " + system.name() + ": cold start " + result.coldStartMillis()
                        + " ms, failover " + result.failoverMillis() + " ms");
            }
        }
        results.forEach((name, list) -> report(String.format(Locale.ROOT, "%-20s size %d: cold start %s; failover %s",
                name, size, summary(list.stream().map(Trial::coldStartMillis).toList()),
                summary(list.stream().map(Trial::failoverMillis).toList()))));
    }

    private static Trial oneTrial(SystemUnderTest system, int size, Path dir) throws IOException {
        long launched = System.nanoTime();
        try (Ensemble ensemble = Ensemble.start(system.config(), system.runtime(), size, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(BOUND, POLL);
            long coldStart = (System.nanoTime() - launched) / 1_000_000;
            ensemble.awaitStableLeader(Duration.ofSeconds(5)); // settled, not just formed
            long killed = System.nanoTime();
            leader.kill9();
            ensemble.awaitStableLeader(BOUND, POLL);
            return new Trial(coldStart, (System.nanoTime() - killed) / 1_000_000);
        }
    }

    private static String summary(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return String.format(Locale.ROOT, "min %d, median %d, max %d ms (%d trials)", sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static void report(String line) {
        org.slf4j.LoggerFactory.getLogger(FailoverBenchmark.class).info(line);
    }
}
