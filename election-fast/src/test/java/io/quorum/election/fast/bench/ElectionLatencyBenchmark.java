package io.quorum.election.fast.bench;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.election.fast.FastLeaderElectionProvider;
import io.quorum.election.fast.LoopbackViews;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How long an election takes over loopback sockets: for each of {@code rounds} fresh ensembles,
 * the first election (every voter up, connections still cold) and the survivors' election after
 * the leader stops. All peers enter LOOKING together and each measures the time until its own
 * decision; an election's time is the slowest peer's. A plain harness, not a test:
 * {@code ElectionLatencyBenchmark <peers> <rounds> <fastTermination>}.
 *
 * <p>There is no session layer after the election, so nothing sends a peer that decided for a
 * leader that is not up back to LOOKING, and a peer left without a quorum waits for good. An
 * election that has not ended within {@code -Dquorum.bench.roundTimeoutSeconds} (30) therefore
 * stops the benchmark with what every peer decided, the ports of the view and a dump of every
 * thread; an election that ended without one live leader that every peer follows is printed as
 * an anomaly and counted.
 */
public final class ElectionLatencyBenchmark {
    private static final long ROUND_TIMEOUT_NANOS =
            TimeUnit.SECONDS.toNanos(Long.getLong("quorum.bench.roundTimeoutSeconds", 30));

    private static int anomalies;

    private ElectionLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean fast = args.length <= 2 || Boolean.parseBoolean(args[2]);
        ExecutorService callers = Executors.newFixedThreadPool(peers);
        long[] first = new long[rounds];
        long[] failover = new long[rounds];
        try {
            for (int round = -5; round < rounds; round++) {
                long[] pair = oneEnsemble(peers, fast, callers);
                if (round >= 0) {
                    first[round] = pair[0];
                    failover[round] = pair[1];
                }
            }
        } finally {
            callers.shutdownNow();
        }
        report("first election", peers, fast, first);
        report("after the leader stops", peers, fast, failover);
        System.out.println("anomalies (elections without one live leader followed by all): " + anomalies);
    }

    /** A fresh ensemble: its first election, then the survivors' election once the leader stops. */
    private static long[] oneEnsemble(int peers, boolean fast, ExecutorService callers) throws Exception {
        QuorumView view = LoopbackViews.participants(peers);
        List<Election> elections = new ArrayList<>();
        List<Long> sids = new ArrayList<>();
        try {
            for (long sid = 1; sid <= peers; sid++) {
                Vote history = Vote.initial(sid, Zxid.of(1, sid), 1);
                elections.add(ElectionRuntime.startTcp(new FastLeaderElectionProvider(),
                        new PeerElectionContext(sid, view, () -> history, Map.of("fastTermination", Boolean.toString(fast))),
                        ConnectionManagerConfig.defaults(sid, view)));
                sids.add(sid);
            }
            long first = oneRound("first election", view, elections, sids, callers);
            // The leader is the greatest sid: stop it, as a crashed leader would stop.
            elections.remove(peers - 1).shutdown();
            sids.remove(peers - 1);
            long failover = oneRound("after the leader stops", view, elections, sids, callers);
            return new long[] {first, failover};
        } finally {
            elections.forEach(Election::shutdown);
        }
    }

    private static long oneRound(String what, QuorumView view, List<Election> elections, List<Long> sids,
            ExecutorService callers) throws Exception {
        CyclicBarrier together = new CyclicBarrier(elections.size());
        AtomicReferenceArray<Decision> decisions = new AtomicReferenceArray<>(elections.size());
        List<Future<Long>> timings = new ArrayList<>();
        for (int i = 0; i < elections.size(); i++) {
            Election election = elections.get(i);
            int index = i;
            timings.add(callers.submit(() -> {
                together.await();
                long started = System.nanoTime();
                decisions.set(index, election.lookForLeader());
                return System.nanoTime() - started;
            }));
        }
        long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
        long slowest = 0;
        for (Future<Long> timing : timings) {
            try {
                slowest = Math.max(slowest, timing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                System.err.println(diagnosis(what + ": no decision within " + TimeUnit.NANOSECONDS.toSeconds(ROUND_TIMEOUT_NANOS)
                        + " s", view, sids, decisions));
                System.err.println(threadDump());
                throw new IllegalStateException(what + " did not end; see the diagnosis above", e);
            }
        }
        if (!oneLiveLeader(sids, decisions)) {
            anomalies++;
            System.err.println(diagnosis(what + ": anomaly, not one live leader followed by all", view, sids, decisions));
        }
        return slowest;
    }

    /** Every running peer decided the same leader, which is running and decided LEADING. */
    private static boolean oneLiveLeader(List<Long> sids, AtomicReferenceArray<Decision> decisions) {
        long leader = decisions.get(0).leader();
        int leaderIndex = sids.indexOf(leader);
        for (int i = 0; i < sids.size(); i++) {
            if (decisions.get(i).leader() != leader) {
                return false;
            }
        }
        return leaderIndex >= 0 && decisions.get(leaderIndex).role() == ServerState.LEADING;
    }

    private static String diagnosis(String headline, QuorumView view, List<Long> sids,
            AtomicReferenceArray<Decision> decisions) {
        StringBuilder sb = new StringBuilder(headline).append('\n');
        for (QuorumServer server : view.servers()) {
            int index = sids.indexOf(server.id());
            Decision d = index < 0 ? null : decisions.get(index);
            sb.append("  sid ").append(server.id()).append(" election ").append(server.electionAddress().orElseThrow())
                    .append(": ").append(index < 0 ? "stopped" : d == null ? "still looking"
                            : d.role() + " leader " + d.leader() + " round " + d.vote().electionEpoch())
                    .append('\n');
        }
        return sb.toString();
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder("thread dump:\n");
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            sb.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            Arrays.stream(frames).forEach(frame -> sb.append("    at ").append(frame).append('\n'));
        });
        return sb.toString();
    }

    private static void report(String what, int peers, boolean fast, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: peers=%d fastTermination=%s rounds=%d median=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n",
                what, peers, fast, nanos.length, ms(nanos[nanos.length / 2]), ms(nanos[nanos.length * 9 / 10]),
                ms(nanos[nanos.length * 99 / 100]), ms(nanos[nanos.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
