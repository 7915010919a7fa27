package io.quorum.election.fast.bench;

import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Election;
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

/**
 * How long an election takes over loopback sockets: for each of {@code rounds} fresh ensembles,
 * the first election (every voter up, connections still cold) and the survivors' election after
 * the leader stops. All peers enter LOOKING together and each measures the time until its own
 * decision; an election's time is the slowest peer's. A plain harness, not a test:
 * {@code ElectionLatencyBenchmark <peers> <rounds> <fastTermination>}.
 */
public final class ElectionLatencyBenchmark {
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
    }

    /** A fresh ensemble: its first election, then the survivors' election once the leader stops. */
    private static long[] oneEnsemble(int peers, boolean fast, ExecutorService callers) throws Exception {
        QuorumView view = LoopbackViews.participants(peers);
        List<Election> elections = new ArrayList<>();
        try {
            for (long sid = 1; sid <= peers; sid++) {
                Vote history = Vote.initial(sid, Zxid.of(1, sid), 1);
                elections.add(ElectionRuntime.startTcp(new FastLeaderElectionProvider(),
                        new PeerElectionContext(sid, view, () -> history, Map.of("fastTermination", Boolean.toString(fast))),
                        ConnectionManagerConfig.defaults(sid, view)));
            }
            long first = oneRound(elections, callers);
            // The leader is the greatest sid: stop it, as a crashed leader would stop.
            elections.remove(peers - 1).shutdown();
            long failover = oneRound(elections, callers);
            return new long[] {first, failover};
        } finally {
            elections.forEach(Election::shutdown);
        }
    }

    private static long oneRound(List<Election> elections, ExecutorService callers) throws Exception {
        CyclicBarrier together = new CyclicBarrier(elections.size());
        List<Future<Long>> timings = new ArrayList<>();
        for (Election election : elections) {
            timings.add(callers.submit(() -> {
                together.await();
                long started = System.nanoTime();
                election.lookForLeader();
                return System.nanoTime() - started;
            }));
        }
        long slowest = 0;
        for (Future<Long> timing : timings) {
            slowest = Math.max(slowest, timing.get(60, TimeUnit.SECONDS));
        }
        return slowest;
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
