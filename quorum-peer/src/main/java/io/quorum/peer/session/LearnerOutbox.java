package io.quorum.peer.session;

/** The effects of a {@link LearnerHandshake}: the common ones and the connection to the leader. */
public interface LearnerOutbox extends SessionOutbox {

    /** Write the packet's jute bytes ({@link QuorumPacketCodec#encode}) to the leader. */
    void send(QuorumPacket packet);

    /**
     * The leader told us how to catch up (section 6.3 step 6), to be made durable now: after DIFF
     * our log is kept; after TRUNC the driver must drop every logged transaction above {@code
     * zxid}; after SNAP the log is superseded by the leader's state at {@code zxid} (we keep no
     * data tree, so the driver records {@code zxid} as its last logged zxid, e.g. by starting a
     * fresh log there). Asked at NEWLEADER, between {@link #markUpdatingEpoch} and {@link
     * #persistCurrentEpoch}, where ZooKeeper takes its snapshot (section 6.3 step 7): a SNAP's zxid
     * may be of an epoch above our currentEpoch, and only under the updatingEpoch marker does
     * start-up recovery accept such a log.
     */
    void synced(SyncKind kind, long zxid);
}
