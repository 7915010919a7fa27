package io.quorum.dist.fuzz;

import io.quorum.dist.harness.FourLetterWords;
import io.quorum.dist.harness.FourLetterWords.Mode;
import io.quorum.dist.peer.LocalEnsemble;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fuzzing campaign of issue 11 against live in-JVM ensembles (three peers each, real sockets):
 * the alg 3 election port, client port and quorum port; alg 0's UDP responder on the quorum
 * port; the UDP election port of algs 1 and 2. Each port kind gets the same number of cases,
 * spread over the three peers' instances (the quorum port: the leader's), plus a flood of
 * connections to each TCP port. Afterwards every peer must answer {@code srvr} as leader or
 * follower, an election must complete when the leader is stopped (and the old leader rejoin),
 * no thread may have died of an uncaught exception, and the heap's peak must stay below -Xmx.
 *
 * <p>{@code main} is the benchmark run (100,000 cases per port by default); {@code FuzzingTest}
 * runs a few thousand in the build.
 */
public final class FuzzCampaign {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzCampaign.class);
    /** Fuzz connections come from here: outside every server line, as an attacker would be. */
    public static final String ATTACKER = "127.0.0.2";
    private static final int SENDERS = 4;
    private static final int FLOOD = 300;

    /** What the campaign found. */
    public record Report(List<PortFuzzer.Result> ports, List<String> problems, long uncaughtExceptions,
            long errorLogs, long peakHeapBytes, long maxHeapBytes) {
        public long failures() {
            return ports.stream().mapToLong(PortFuzzer.Result::failures).sum() + problems.size() + uncaughtExceptions
                    + errorLogs + (peakHeapBytes > maxHeapBytes ? 1 : 0);
        }

        public String describe() {
            StringBuilder text = new StringBuilder();
            ports.forEach(result -> text.append(result).append('\n'));
            problems.forEach(problem -> text.append("PROBLEM: ").append(problem).append('\n'));
            text.append(String.format("uncaught exceptions: %d, ERROR log lines: %d, heap peak %d MiB of max %d MiB%n"
                    + "failures: %d%n", uncaughtExceptions, errorLogs, peakHeapBytes >> 20, maxHeapBytes >> 20, failures()));
            return text.toString();
        }
    }

    private final Path root;
    private final int casesPerPort;
    private final long seed;
    private final List<PortFuzzer.Result> results = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public FuzzCampaign(Path root, int casesPerPort, long seed) {
        this.root = root;
        this.casesPerPort = casesPerPort;
        this.seed = seed;
    }

    /** Runs every ensemble in turn and reports; peers are stopped whatever happens. */
    public Report run() throws Exception {
        AtomicLong uncaught = new AtomicLong();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            uncaught.incrementAndGet();
            LOG.error("thread {} died", thread.getName(), e);
        });
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        ErrorLogCounter errors = ErrorLogCounter.attach();
        try {
            fastElection();
            udpElection("0", "quorum port (UDP, alg 0)", LocalEnsemble::quorumPort, FuzzCases::legacyUdp);
            udpElection("1", "election port (UDP, alg 1)", LocalEnsemble::electionPort, FuzzCases::authUdp);
            udpElection("2", "election port (UDP, alg 2)", LocalEnsemble::electionPort, FuzzCases::authUdp);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
            errors.detach();
        }
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Report(List.copyOf(results), List.copyOf(problems), uncaught.get(), errors.count(), peak,
                Runtime.getRuntime().maxMemory());
    }

    private void fastElection() throws Exception {
        try (LocalEnsemble ensemble = started("3")) {
            long leader = ensemble.awaitAnyLeader(List.of(1L, 2L, 3L));
            note(tcpOnEveryPeer(ensemble, "election port (TCP, alg 3)", LocalEnsemble::electionPort,
                    FuzzCases::electionTcp, 1));
            note(tcpOnEveryPeer(ensemble, "client port", LocalEnsemble::clientPort, FuzzCases::clientPort, 2));
            note(PortFuzzer.tcp("quorum port (TCP, leader)", local(ensemble.quorumPort(leader)), ATTACKER,
                    casesPerPort, seed + 3L * Integer.MAX_VALUE, SENDERS, FuzzCases::quorumPort));
            note(PortFuzzer.flood("election port (TCP, alg 3)", local(ensemble.electionPort(1)), FLOOD));
            note(PortFuzzer.flood("client port", local(ensemble.clientPort(2)), FLOOD));
            note(PortFuzzer.flood("quorum port (TCP, leader)", local(ensemble.quorumPort(leader)), FLOOD));
            stillServesAndElects(ensemble, "electionAlg=3");
        }
    }

    private void udpElection(String alg, String port, PortOf portOf, Function<SplittableRandom, byte[]> input)
            throws Exception {
        try (LocalEnsemble ensemble = started(alg)) {
            ensemble.awaitAnyLeader(List.of(1L, 2L, 3L));
            List<PortFuzzer.Result> parts = new ArrayList<>();
            for (long sid = 1; sid <= 3; sid++) {
                parts.add(PortFuzzer.udp(port, local(portOf.port(ensemble, sid)), share(sid),
                        seed + (4L + Long.parseLong(alg)) * Integer.MAX_VALUE + offset(sid), SENDERS, input));
            }
            note(sum(port, parts));
            stillServesAndElects(ensemble, "electionAlg=" + alg);
        }
    }

    private void note(PortFuzzer.Result result) {
        LOG.info("{}", result);
        results.add(result);
    }

    private interface PortOf {
        int port(LocalEnsemble ensemble, long sid);
    }

    private PortFuzzer.Result tcpOnEveryPeer(LocalEnsemble ensemble, String port, PortOf portOf,
            Function<SplittableRandom, byte[]> input, int kind) throws InterruptedException {
        List<PortFuzzer.Result> parts = new ArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            parts.add(PortFuzzer.tcp(port, local(portOf.port(ensemble, sid)), ATTACKER, share(sid),
                    seed + kind * (long) Integer.MAX_VALUE + offset(sid), SENDERS, input));
        }
        return sum(port, parts);
    }

    /** Peer {@code sid}'s part of the cases: a third each, the first peers taking the remainder. */
    private int share(long sid) {
        return casesPerPort / 3 + (sid <= casesPerPort % 3 ? 1 : 0);
    }

    private long offset(long sid) {
        long before = 0;
        for (long s = 1; s < sid; s++) {
            before += share(s);
        }
        return before;
    }

    private static PortFuzzer.Result sum(String port, List<PortFuzzer.Result> parts) {
        String first = parts.stream().map(PortFuzzer.Result::firstFailure).filter(f -> !f.isEmpty()).findFirst().orElse("");
        return new PortFuzzer.Result(port, parts.stream().mapToLong(PortFuzzer.Result::cases).sum(),
                parts.stream().mapToLong(PortFuzzer.Result::closedByPeer).sum(),
                parts.stream().mapToLong(PortFuzzer.Result::failures).sum(), first);
    }

    private LocalEnsemble started(String electionAlg) throws Exception {
        Path dir = Files.createDirectories(root.resolve("alg" + electionAlg));
        LocalEnsemble ensemble = new LocalEnsemble(dir, 3, Map.of("electionAlg", electionAlg));
        try {
            for (long sid = 1; sid <= 3; sid++) {
                ensemble.start(sid);
            }
            return ensemble;
        } catch (Exception | Error e) {
            ensemble.close();
            throw e;
        }
    }

    /**
     * After the fuzzing: every peer answers srvr as leader or follower, and stopping the leader
     * brings a new election that completes, with the old leader rejoining.
     */
    private void stillServesAndElects(LocalEnsemble ensemble, String what) {
        try {
            long leader = ensemble.awaitAnyLeader(List.of(1L, 2L, 3L));
            for (long sid = 1; sid <= 3; sid++) {
                Mode mode = FourLetterWords.srvr(ensemble.clientPort(sid)).mode();
                if (mode != Mode.LEADER && mode != Mode.FOLLOWER) {
                    problems.add(what + ": peer " + sid + " answers srvr with " + mode);
                }
            }
            long epoch = ensemble.get(leader).peer().status().currentEpoch();
            ensemble.stop(leader);
            List<Long> rest = new ArrayList<>(List.of(1L, 2L, 3L));
            rest.remove(leader);
            long next = ensemble.awaitAnyLeader(rest);
            long nextEpoch = ensemble.get(next).peer().status().currentEpoch();
            if (nextEpoch <= epoch) {
                problems.add(what + ": the election after stopping leader " + leader + " stayed in epoch " + nextEpoch);
            }
            ensemble.start(leader);
            ensemble.awaitAnyLeader(List.of(1L, 2L, 3L));
            LOG.info("{}: after fuzzing, leader {} stopped, {} elected in epoch {}, {} rejoined", what, leader, next,
                    nextEpoch, leader);
        } catch (Exception | AssertionError e) {
            problems.add(what + ": no election after fuzzing: " + e.getMessage());
        }
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * {@code FuzzCampaign [casesPerPort [seed]]}: the benchmark run, 100,000 cases per port by
     * default; exits 1 if anything failed.
     */
    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        // A hundred thousand refused inputs per port make as many WARN lines; errors still show.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        ((ch.qos.logback.classic.Logger) LOG).setLevel(ch.qos.logback.classic.Level.INFO);
        Path root = Files.createTempDirectory("quorum-fuzz-");
        long started = System.nanoTime();
        Report report;
        try {
            report = new FuzzCampaign(root, cases, seed).run();
        } finally {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        String text = report.describe() + String.format("took %.0f s (seed %d, %d cases per port)%n",
                (System.nanoTime() - started) / 1e9, seed, cases);
        System.out.print(text);
        System.exit(report.failures() == 0 ? 0 : 1);
    }
}
