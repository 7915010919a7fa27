package io.quorum.election.fast.bench;

import io.quorum.election.fast.FastLeaderElectionProvider;
import io.quorum.transport.sim.ElectionWindow;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messages per FastLeaderElection election, counted by the simulator: for 3, 5 and 7 voters with
 * fast termination on and off, the notifications every peer sent from the first peer entering
 * LOOKING to the last peer deciding ({@link ElectionWindow#messagesSent()}), over {@code seeds}
 * seeds (1,000 by default, first argument):
 * <ul>
 *   <li>the first election: a fault-free ensemble, peers started within the seed's start spread
 *       (0-50 ms), per-link latency 0.05-3 ms plus jitter;
 *   <li>after the leader crashes: 500 ms later the leader crashes and every survivor loses it
 *       within the start spread, as followers notice one by one ({@link SimulationOptions#failover()}).
 * </ul>
 * Timing knobs are ZooKeeper's defaults (finalizeWait and the first notification interval 200 ms,
 * link-down grace 100 ms); plain majorities, no observers. Sends to the crashed leader count: the
 * survivors do send them. The tail column is what was sent after the last decision, in answer to
 * notifications still in flight. A plain harness, not a test:
 * {@code java -cp <election-fast test classpath> io.quorum.election.fast.bench.MessagesPerElection 1000}.
 */
public final class MessagesPerElection {
    private static final long SAFETY_PHASE_NANOS = 10_000_000_000L;

    private MessagesPerElection() {
    }

    /** The options of one measured run. */
    public static SimulationOptions options(long seed, int voters, boolean fastTermination) {
        return SimulationOptions.builder(seed).voters(voters).observers(0).hierarchicalProbability(0)
                .schedule(FaultSchedule.NONE).safetyPhaseNanos(SAFETY_PHASE_NANOS).failover(true)
                .knobSpace(random -> Map.of("fastTermination", Boolean.toString(fastTermination)))
                .traceTailLines(60).build();
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("| voters | fast termination | election | min | median | p90 | max | tail median | tail max | n(n-1) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        int problems = 0;
        for (int voters : List.of(3, 5, 7)) {
            for (boolean fast : List.of(true, false)) {
                long[][] sent = new long[2][seeds];
                long[][] tail = new long[2][seeds];
                for (int i = 0; i < seeds; i++) {
                    SimulationResult result = Simulation.run(new FastLeaderElectionProvider(), options(i + 1, voters, fast));
                    if (!result.passed() || result.elections().size() < 2) {
                        problems++;
                        System.err.println("seed " + (i + 1) + ": " + result.report());
                        continue;
                    }
                    for (int e = 0; e < 2; e++) {
                        sent[e][i] = result.elections().get(e).messagesSent();
                        tail[e][i] = result.elections().get(e).messagesAfter();
                    }
                }
                row(voters, fast, "first", sent[0], tail[0]);
                row(voters, fast, "after leader crash", sent[1], tail[1]);
            }
        }
        System.out.println("seeds per row: " + seeds + ", runs with a violation or no failover election: " + problems);
    }

    private static void row(int voters, boolean fast, String election, long[] sent, long[] tail) {
        long[] s = sorted(sent);
        long[] t = sorted(tail);
        System.out.printf(Locale.ROOT, "| %d | %s | %s | %d | %d | %d | %d | %d | %d | %d |%n", voters, fast ? "on" : "off",
                election, s[0], rank(s, 0.5), rank(s, 0.9), s[s.length - 1], rank(t, 0.5), t[t.length - 1],
                voters * (voters - 1));
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
