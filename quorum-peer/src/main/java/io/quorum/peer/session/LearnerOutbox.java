package io.quorum.peer.session;

/** The effects of a {@link LearnerHandshake}: the common ones and the connection to the leader. */
public interface LearnerOutbox extends SessionOutbox {

    /** Write the packet's jute bytes ({@link QuorumPacketCodec#encode}) to the leader. */
    void send(QuorumPacket packet);

    /**
     * The leader told us how to catch up (section 6.3 step 6): after DIFF our log is kept; after
     * TRUNC the driver must drop every logged transaction above {@code zxid}; after SNAP the log is
     * superseded by the leader's state at {@code zxid} (we keep no data tree, so the driver records
     * {@code zxid} as its last logged zxid, e.g. by starting a fresh log there). Comes before the
     * NEWLEADER persistence, as ZooKeeper takes its snapshot before writing currentEpoch.
     */
    void synced(SyncKind kind, long zxid);
}
