package io.quorum.transport.sim;

/** Which kinds of fault a run's safety phase injects. */
public enum FaultSchedule {
    /** A perfect network with latency only; every peer must elect the expected leader. */
    NONE,
    /** Peers crash and restart with only their persisted history. */
    CRASH,
    /** One-way and two-way partitions, which also break the streams they cut. */
    PARTITION,
    /** Datagram loss, duplication and reordering, and stream resets. */
    LOSS,
    /** FoundationDB's swizzle-clog: clog links one by one, then unclog them in another order. */
    SWIZZLE_CLOG,
    /** Everything above at once. */
    ALL;

    boolean crashes() {
        return this == CRASH || this == ALL;
    }

    boolean partitions() {
        return this == PARTITION || this == ALL;
    }

    boolean lossy() {
        return this == LOSS || this == ALL;
    }

    boolean streamBreaks() {
        return this == PARTITION || this == LOSS || this == ALL;
    }

    boolean clogs() {
        return this == SWIZZLE_CLOG || this == ALL;
    }
}
