package io.quorum.transport.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's own knobs for one run, drawn from the seed ("swarm testing": each seed tries a
 * different mix of fault rates). Counts of zero switch a fault kind off; the schedule decides which
 * kinds may be non-zero.
 */
public record SimKnobs(
        long latencyMinNanos,
        long jitterNanos,
        double loss,
        double duplication,
        double reorder,
        long reorderMaxNanos,
        long startSpreadNanos,
        long safetyPhaseNanos,
        int crashes,
        long downtimeMaxNanos,
        int partitions,
        long partitionMaxNanos,
        int streamBreaks,
        long streamBreakMaxNanos,
        int swizzleLinks,
        long swizzleStepNanos,
        int reelections) {

    private static final long MS = 1_000_000L;

    /**
     * Draws the knobs for {@code schedule}. {@code safetyPhaseNanos} of 0 draws a phase length of
     * 1 to 5 virtual seconds.
     */
    public static SimKnobs draw(SplittableRandom r, FaultSchedule schedule, long safetyPhaseNanos, int links) {
        boolean lossy = schedule.lossy();
        return new SimKnobs(
                r.nextLong(100_000, 2 * MS),
                r.nextLong(0, 5 * MS),
                lossy ? r.nextDouble(0, 0.3) : 0,
                lossy ? r.nextDouble(0, 0.2) : 0,
                lossy ? r.nextDouble(0, 0.3) : 0,
                r.nextLong(1 * MS, 20 * MS),
                r.nextLong(0, 50 * MS),
                safetyPhaseNanos > 0 ? safetyPhaseNanos : r.nextLong(1000 * MS, 5000 * MS),
                schedule.crashes() ? r.nextInt(1, 5) : 0,
                r.nextLong(50 * MS, 2000 * MS),
                schedule.partitions() ? r.nextInt(1, 5) : 0,
                r.nextLong(100 * MS, 2000 * MS),
                schedule.streamBreaks() ? r.nextInt(0, 5) : 0,
                r.nextLong(10 * MS, 1000 * MS),
                schedule.clogs() ? r.nextInt(1, Math.max(2, links / 2)) : 0,
                r.nextLong(10 * MS, 200 * MS),
                unlessFaultFree(schedule, r.nextInt(0, 8)));
    }

    /**
     * A lost leader is a fault too: a fault-free run keeps its first election, so the expected
     * leader check means what it says. The draw happens either way, so other knobs stay put.
     */
    private static int unlessFaultFree(FaultSchedule schedule, int drawn) {
        return schedule == FaultSchedule.NONE ? 0 : drawn;
    }

    /** The knobs as {@code name=value} lines, the way a run's header prints them. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("knob latencyMinNanos=" + latencyMinNanos + " jitterNanos=" + jitterNanos);
        out.add("knob loss=" + loss + " duplication=" + duplication + " reorder=" + reorder
                + " reorderMaxNanos=" + reorderMaxNanos);
        out.add("knob startSpreadNanos=" + startSpreadNanos + " safetyPhaseNanos=" + safetyPhaseNanos);
        out.add("knob crashes=" + crashes + " downtimeMaxNanos=" + downtimeMaxNanos);
        out.add("knob partitions=" + partitions + " partitionMaxNanos=" + partitionMaxNanos);
        out.add("knob streamBreaks=" + streamBreaks + " streamBreakMaxNanos=" + streamBreakMaxNanos);
        out.add("knob swizzleLinks=" + swizzleLinks + " swizzleStepNanos=" + swizzleStepNanos);
        out.add("knob reelections=" + reelections);
        return out;
    }

    /** The model of one directed link: these knobs with the latency varied per link by 0.5x to 1.5x. */
    LinkModel linkModel(SplittableRandom r) {
        double scale = r.nextDouble(0.5, 1.5);
        return new LinkModel((long) (latencyMinNanos * scale), (long) (jitterNanos * scale),
                loss, duplication, reorder, reorderMaxNanos);
    }
}
