package io.quorum.dist.bench;

import io.quorum.dist.harness.ElectionTraffic;
import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.FourLetterWords.Status;
import io.quorum.dist.harness.FreePorts;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.ProcessUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One trial on real peer processes, timed from outside by polling every peer's {@code srvr}: the
 * same probe, the same poll interval and the same "one leader, every other live peer following"
 * condition for every system.
 */
final class RealTrial {
    /** How long any phase may take before the trial counts as failed. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Fine enough for failovers of tens of milliseconds; the same for every system. */
    private static final Duration POLL = Duration.ofMillis(2);
    /** A formed ensemble is polled again this long at most before the fault, so it is settled, not just formed. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * How long every system runs before a fault: a failover happens to an ensemble that has been
     * up a while, not in its first second (our peers rehearse failovers then, ZooKeeper's JVMs
     * still compile their start-up code). The same for every system.
     */
    private static final Duration STEADY = Duration.ofSeconds(3);

    private RealTrial() {
    }

    /**
     * Watches the ensemble through {@link #STEADY} exactly as the fault will be watched, so that
     * the poller's code is compiled before the measurement, not during it: after a sleep, this
     * JVM's JIT compilers were busy inside the failover window, on the two cores the peers need.
     * This JVM's CPU time inside 5-peer failover windows of ~42 ms, median of 18 trials: 13.2 ms
     * after a sleep, 8.5 ms after polling.
     */
    private static void steady(Ensemble ensemble) {
        long end = System.nanoTime() + STEADY.toNanos();
        while (System.nanoTime() - end < 0) {
            ensemble.awaitStable(BOUND, POLL);
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    static TrialResult run(BenchSystem system, Scenario scenario, int size, int trial, Path dir) {
        try {
            return measure(system, scenario, size, trial, dir);
        } catch (IOException | RuntimeException e) {
            return TrialResult.failed(system.label(), scenario, size, trial, firstLine(e));
        }
    }

    private static TrialResult measure(BenchSystem system, Scenario scenario, int size, int trial, Path dir)
            throws IOException {
        List<PeerAddress> view = FreePorts.peers(size);
        List<PeerAddress> started = scenario == Scenario.ONE_DOWN ? view.subList(0, size - 1) : view;
        long launched = System.nanoTime();
        try (Ensemble ensemble = Ensemble.start(system.config(), view, started, peer -> system.runtime(), dir)) {
            Ensemble.Stable formed = ensemble.awaitStable(BOUND, POLL);
            requireNoneExited(ensemble, Optional.empty());
            long formedAt = System.nanoTime();
            Map<Long, ProcessUsage> usage = new LinkedHashMap<>();
            return switch (scenario) {
                case COLD_START, ONE_DOWN -> result(system, scenario, size, trial, formedAt - launched, formed, usage);
                case LEADER_CRASH -> {
                    steady(ensemble);
                    PeerProcess leader = ensemble.awaitStableLeader(SETTLE, POLL);
                    leader.usage().ifPresent(u -> usage.put(leader.sid(), u));
                    long killed = System.nanoTime();
                    leader.kill9();
                    Ensemble.Stable after = ensemble.awaitStable(BOUND, POLL);
                    requireNoneExited(ensemble, Optional.of(leader));
                    yield result(system, scenario, size, trial, System.nanoTime() - killed, after, usage);
                }
                case RESTART_ALL -> {
                    steady(ensemble);
                    ensemble.awaitStableLeader(SETTLE, POLL);
                    for (PeerProcess peer : new ArrayList<>(ensemble.peers())) {
                        peer.kill9();
                    }
                    long restarted = System.nanoTime();
                    for (PeerProcess peer : new ArrayList<>(ensemble.peers())) {
                        ensemble.restart(peer);
                    }
                    Ensemble.Stable after = ensemble.awaitStable(BOUND, POLL);
                    requireNoneExited(ensemble, Optional.empty());
                    yield result(system, scenario, size, trial, System.nanoTime() - restarted, after, usage);
                }
                default -> throw new IllegalArgumentException(scenario + " runs under the simulator only");
            };
        }
    }

    /**
     * A peer that exited on its own (it could not bind a port, say) leaves a smaller ensemble that
     * may still elect: that is a failed trial, not a measurement of the size asked for.
     */
    private static void requireNoneExited(Ensemble ensemble, Optional<PeerProcess> killed) {
        List<PeerProcess> exited = ensemble.peers().stream()
                .filter(peer -> !peer.isAlive() && killed.map(k -> k != peer).orElse(true)).toList();
        if (!exited.isEmpty()) {
            PeerProcess first = exited.get(0);
            String tail = first.logTail();
            throw new IllegalStateException("peer " + first.sid() + " exited on its own: "
                    + tail.substring(tail.lastIndexOf('\n') + 1));
        }
    }

    /** Reads every live peer's usage now, while the processes still run. */
    private static TrialResult result(BenchSystem system, Scenario scenario, int size, int trial, long nanos,
            Ensemble.Stable stable, Map<Long, ProcessUsage> usage) {
        List<PeerMeasure> peers = new ArrayList<>();
        for (Map.Entry<PeerProcess, Status> entry : stable.statuses().entrySet()) {
            PeerProcess peer = entry.getKey();
            Optional<ProcessUsage> now = peer.usage();
            Status status = entry.getValue();
            Double election = status.lastElectionMillis().isPresent()
                    ? (double) status.lastElectionMillis().getAsLong() : null;
            Optional<ElectionTraffic> traffic = peer.lastElectionTraffic();
            peers.add(new PeerMeasure(peer.sid(), election, traffic.map(ElectionTraffic::messages).orElse(null),
                    traffic.map(ElectionTraffic::bytes).orElse(null),
                    now.map(ProcessUsage::cpuSeconds).orElse(null), now.map(ProcessUsage::peakRssKib).orElse(null)));
        }
        // The crashed leader's figures were read just before the kill.
        usage.forEach((sid, u) -> peers.add(new PeerMeasure(sid, null, null, null, u.cpuSeconds(), u.peakRssKib())));
        peers.sort((a, b) -> Long.compare(a.sid(), b.sid()));
        return new TrialResult(system.label(), scenario, size, trial, nanos / 1e6, stable.leader().sid(), null, peers);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
