package io.quorum.transport.sim;

import java.util.SplittableRandom;

/**
 * How one directed link treats traffic when no partition or clog is in force: a latency of
 * {@code latencyMinNanos} plus uniform jitter, and for datagrams only, loss, duplication and
 * reordering (a reordered datagram is held back by up to {@code reorderMaxNanos}).
 */
public record LinkModel(
        long latencyMinNanos,
        long jitterNanos,
        double loss,
        double duplication,
        double reorder,
        long reorderMaxNanos) {

    /** The link after the liveness transition: the same latency, nothing lost or duplicated. */
    public LinkModel healed() {
        return new LinkModel(latencyMinNanos, jitterNanos, 0, 0, 0, reorderMaxNanos);
    }

    /** Draws one delivery latency. */
    long latency(SplittableRandom random) {
        return latencyMinNanos + (jitterNanos > 0 ? random.nextLong(jitterNanos + 1) : 0);
    }
}
