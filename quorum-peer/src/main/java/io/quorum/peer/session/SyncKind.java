package io.quorum.peer.session;

/** How a leader brings a learner up to date (PROTOCOL.md section 6.3 step 6). */
public enum SyncKind {
    /** Same history: nothing to send, or the missing committed transactions after the DIFF. */
    DIFF,
    /** The learner is ahead: it drops its transactions above the zxid. */
    TRUNC,
    /** Fallback: a whole snapshot follows the SNAP packet. */
    SNAP;

    /** The packet type that announces this sync. */
    public PacketType packetType() {
        return switch (this) {
            case DIFF -> PacketType.DIFF;
            case TRUNC -> PacketType.TRUNC;
            case SNAP -> PacketType.SNAP;
        };
    }
}
