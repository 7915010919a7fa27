package io.quorum.transport.sim;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a {@link SeedSweep}.
 *
 * @param schedule the fault schedule every run used
 * @param fromSeed the first seed
 * @param runs how many seeds ran
 * @param violations every violation, each naming its seed
 * @param wallNanos wall time by the caller's ticker (0 without one)
 * @param virtualNanos virtual time summed over the runs
 * @param messages messages sent summed over the runs
 * @param leaderChanges {@link SimulationResult#leaderChanges()} summed over the runs
 */
public record SweepSummary(FaultSchedule schedule, long fromSeed, long runs, List<Violation> violations,
        long wallNanos, long virtualNanos, long messages, long leaderChanges) {

    public SweepSummary {
        violations = List.copyOf(violations);
    }

    /** The seeds that failed, in order. */
    public Set<Long> failedSeeds() {
        Set<Long> seeds = new TreeSet<>();
        violations.forEach(v -> seeds.add(v.seed()));
        return seeds;
    }

    /** Runs per second of wall time, or 0 when no ticker measured it. */
    public double runsPerSecond() {
        return wallNanos <= 0 ? 0 : runs * 1e9 / wallNanos;
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "schedule=%s seeds=[%d,%d) runs=%d violations=%d failedSeeds=%s wall=%.1fs runs/s=%.0f virtual=%.0fs messages=%d"
                        + " leaderChanges=%d",
                schedule, fromSeed, fromSeed + runs, runs, violations.size(), failedSeeds(), wallNanos / 1e9,
                runsPerSecond(), virtualNanos / 1e9, messages, leaderChanges);
    }
}
