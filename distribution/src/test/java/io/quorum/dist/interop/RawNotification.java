package io.quorum.dist.interop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A FastLeaderElection notification read straight from the bytes (PROTOCOL.md 3.1). Written here
 * instead of borrowing election-fast's codec so the interop suite checks real peers against the
 * specification, not against our own decoder.
 */
record RawNotification(int state, long leader, long zxid, long electionEpoch, long peerEpoch,
        int version, Optional<String> config) {

    static final int LOOKING = 0;
    static final int FOLLOWING = 1;
    static final int LEADING = 2;

    /** The 40-byte form every 3.4.6-3.4.14 peer sends: version 1 and no config. */
    static RawNotification looking40(long proposedLeader, long electionEpoch) {
        return new RawNotification(LOOKING, proposedLeader, 0, electionEpoch, 0, 1, Optional.empty());
    }

    byte[] encode40() {
        return ByteBuffer.allocate(40)
                .putInt(state).putLong(leader).putLong(zxid).putLong(electionEpoch).putLong(peerEpoch)
                .putInt(version)
                .array();
    }

    /** Decodes the 40-byte (version 1) or 44+N-byte (version 2, with config) form. */
    static RawNotification decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int state = in.getInt();
        long leader = in.getLong();
        long zxid = in.getLong();
        long electionEpoch = in.getLong();
        long peerEpoch = in.getLong();
        int version = in.getInt();
        Optional<String> config = Optional.empty();
        if (in.hasRemaining()) {
            byte[] text = new byte[in.getInt()];
            in.get(text);
            config = Optional.of(new String(text, StandardCharsets.UTF_8));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " unexpected trailing bytes");
        }
        return new RawNotification(state, leader, zxid, electionEpoch, peerEpoch, version, config);
    }
}
