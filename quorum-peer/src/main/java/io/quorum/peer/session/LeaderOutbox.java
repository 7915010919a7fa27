package io.quorum.peer.session;

/**
 * The effects of a {@link LeaderHandshake}: the common ones and the learner connections, each
 * named by the {@code connId} the driver gave in {@code learnerConnected}.
 */
public interface LeaderOutbox extends SessionOutbox {

    /** Write the packet's jute bytes ({@link QuorumPacketCodec#encode}) to the learner. */
    void send(long connId, QuorumPacket packet);

    /**
     * Write raw bytes to the learner, right after the previous packet: the snapshot stream that
     * follows a SNAP packet (section 6.2, type 15) and is not a QuorumPacket.
     */
    void sendRaw(long connId, byte[] bytes);

    /**
     * Close the connection. The core has already forgotten it, so a later {@code
     * learnerDisconnected} for it is ignored.
     */
    void close(long connId, String reason);

    /**
     * Append the start of the new epoch, zxid {@code newEpoch << 32}, to the transaction log: the
     * leader's lastLoggedZxid in the next election. Asked once, when the session is established.
     */
    void logEpochStart(long zxid);
}
