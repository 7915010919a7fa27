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
 * kill -9 of the leader until a new leader with every survivor following, observed from outside
 * through {@code srvr} polled every 2 ms, the same way for our peers and ZooKeeper 3.9.5,
 * trials interleaved (A B A B ...) in one run. A benchmark, not a test: run it by hand with
 * {@code FailoverBenchmark <size> <trials>} on the failsafe class path (see the README).
 */
public final class FailoverBenchmark {
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Fine enough for failovers of tens of milliseconds; the same for every system. */
    private static final Duration POLL = Duration.ofMillis(2);

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<String, PeerRuntime> systems = new LinkedHashMap<>();
        systems.put("quorum:3", QuorumRuntime.INSTANCE);
        systems.put("zookeeper-3.9.5:3", ZooKeeperVersion.V3_9_5);
        Map<String, List<Long>> results = new LinkedHashMap<>();
        systems.keySet().forEach(name -> results.put(name, new ArrayList<>()));
        Path root = Files.createTempDirectory("failover-bench");
        for (int trial = 0; trial <= trials; trial++) {
            for (Map.Entry<String, PeerRuntime> system : systems.entrySet()) {
                long millis = oneTrial(system.getValue(), size, root.resolve(system.getKey() + "-" + trial));
                if (trial > 0) { // trial 0 warms the page cache and the disk up
                    results.get(system.getKey()).add(millis);
                }
                report("trial " + trial + " " + system.getKey() + ": " + millis + " ms");
            }
        }
        results.forEach((name, times) -> report(String.format(Locale.ROOT, "%-20s size %d: %s", name, size,
                summary(times))));
    }

    private static long oneTrial(PeerRuntime runtime, int size, Path dir) throws IOException {
        try (Ensemble ensemble = Ensemble.start(runtime, size, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(BOUND);
            ensemble.awaitStableLeader(Duration.ofSeconds(5)); // settled, not just formed
            long killed = System.nanoTime();
            leader.kill9();
            ensemble.awaitStableLeader(BOUND, POLL);
            return (System.nanoTime() - killed) / 1_000_000;
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
