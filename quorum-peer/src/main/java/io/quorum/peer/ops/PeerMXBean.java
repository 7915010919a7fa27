package io.quorum.peer.ops;

/**
 * A peer as JMX shows it, registered as {@code io.quorum:type=Peer,id=<myId>}. Every attribute
 * reads the latest {@link PeerStatus}; absent numbers are -1 and absent addresses empty strings,
 * because JMX open types have no optional values.
 */
public interface PeerMXBean {

    /** This peer's id. */
    long getMyId();

    /** LOOKING, FOLLOWING, LEADING or OBSERVING. */
    String getState();

    /** The leader's id, -1 while LOOKING. */
    long getLeaderId();

    /** The {@code currentEpoch} file's value. */
    long getCurrentEpoch();

    /** The {@code acceptedEpoch} file's value. */
    long getAcceptedEpoch();

    /** The last logged zxid in ZooKeeper's {@code 0x...} form. */
    String getLastLoggedZxid();

    /** The election algorithm, e.g. {@code fast (3)}. */
    String getElectionAlgorithm();

    /** {@code participant} or {@code observer}. */
    String getLearnerType();

    /** The quorum address, {@code host:port}. */
    String getQuorumAddress();

    /** The election address, {@code host:port}, or empty. */
    String getElectionAddress();

    /** The configured client address, {@code host:port}, or empty. */
    String getClientAddress();

    /** Learners connected to this peer while it leads; 0 otherwise. */
    int getConnectedLearners();

    /** Servers in the ensemble, observers included. */
    int getServerCount();

    /** When the state last changed, in epoch milliseconds. */
    long getStateChangedAtMillis();
}
