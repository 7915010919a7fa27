package io.quorum.peer.ops;

import io.quorum.api.ServerState;

/** The spellings ZooKeeper uses in its four-letter-word answers, shared by the formats. */
final class ZooKeeperWords {
    /** ZooKeeper's answer to srvr, stat, mntr and conf while it has no role. */
    static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";
    /** What ZooKeeper's {@code ServerStats} prints for an average latency with no requests. */
    static final String NO_LATENCY_AVG = "0.0";
    /** ZooKeeper's value for proposal sizes it has not measured. */
    static final long NO_PROPOSAL_SIZE = -1;
    /**
     * Node count of our data tree. This peer elects and keeps sessions but stores no znodes, so it
     * reports none rather than imitating a fresh ZooKeeper's five.
     */
    static final long NODE_COUNT = 0;

    private ZooKeeperWords() {
    }

    /** ZooKeeper's {@code Mode:} and {@code zk_server_state} value for a serving state. */
    static String mode(ServerState state) {
        return switch (state) {
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            case LOOKING -> throw new IllegalArgumentException("a LOOKING peer has no mode; it answers not serving");
        };
    }
}
