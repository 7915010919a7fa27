package io.quorum.dist.bench;

/** Where the peers of a trial run. */
public enum Network {
    /** Real peer processes on loopback sockets. */
    REAL,
    /** Our election cores in the deterministic simulator, in virtual time. */
    SIM
}
