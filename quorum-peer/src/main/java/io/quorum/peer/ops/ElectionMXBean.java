package io.quorum.peer.ops;

/**
 * A peer's leader election as JMX shows it, registered as {@code
 * io.quorum:type=Election,id=<myId>}. Reads the latest {@link PeerStatus}.
 */
public interface ElectionMXBean {

    /** The algorithm's name, e.g. {@code fast}. */
    String getAlgorithmName();

    /** ZooKeeper's {@code electionAlg} number, -1 for a plugin without one. */
    int getAlgorithmNumber();

    /** Whether an election is running now (the peer is LOOKING). */
    boolean isLooking();

    /** How long the last finished election took in milliseconds, -1 before the first one ends. */
    long getLastElectionMillis();

    /** The leader the last election chose, -1 while LOOKING. */
    long getLeaderId();
}
