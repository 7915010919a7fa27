package io.quorum.election.fast;

/**
 * The four layouts of a FastLeaderElection notification payload (PROTOCOL.md section 3.1). Each
 * layout appends fields to the previous one; the receiver tells them apart by length alone.
 */
public enum NotificationFormat {
    /** 28 bytes, sent by 3.3.x: no peerEpoch, no version. */
    LEGACY_28(28),
    /** 36 bytes, sent by 3.4.0 to 3.4.5: adds peerEpoch. */
    PEER_EPOCH_36(36),
    /** 40 bytes, sent by 3.4.6 to 3.4.14: adds the version int (1 in practice). */
    VERSIONED_40(40),
    /** 44 + N bytes, sent by 3.5.0 and later: version 2, then the config length and config text. */
    CONFIG_V2(44);

    private final int fixedLength;

    NotificationFormat(int fixedLength) {
        this.fixedLength = fixedLength;
    }

    /** The length of the fixed fields; for {@link #CONFIG_V2} the config bytes come on top. */
    public int fixedLength() {
        return fixedLength;
    }
}
