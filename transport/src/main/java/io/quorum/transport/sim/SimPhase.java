package io.quorum.transport.sim;

/** The phases of a run, after TigerBeetle's VOPR. */
public enum SimPhase {
    /** Faults on; only safety invariants may be asserted. */
    SAFETY,
    /** Faults off, a core quorum healed and connected; the connected voters must converge in time. */
    LIVENESS
}
