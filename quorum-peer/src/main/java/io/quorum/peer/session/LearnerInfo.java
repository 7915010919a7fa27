package io.quorum.peer.session;

import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The data of FOLLOWERINFO and OBSERVERINFO (PROTOCOL.md section 6.1): long serverid, int
 * protocolVersion, and from 3.5 on long configVersion.
 *
 * @param sid the learner's server id
 * @param protocolVersion {@link #ZAB_1_0} for every learner since 3.4; a bare-sid (8-byte) form
 *     decodes as {@link #PRE_ZAB_1_0}
 * @param configVersion the 3.5+ dynamic-config version, absent in the 12-byte 3.4 form
 */
public record LearnerInfo(long sid, int protocolVersion, OptionalLong configVersion) {
    /** The "Zab 1.0" protocol version both 3.4.14 and 3.9.5 send. */
    public static final int ZAB_1_0 = 0x10000;
    /** What a bare sid means: a learner older than Zab 1.0 (below 0x10000). */
    public static final int PRE_ZAB_1_0 = 0;

    /** The 12-byte form a 3.4.14 learner sends. */
    public static LearnerInfo v34(long sid) {
        return new LearnerInfo(sid, ZAB_1_0, OptionalLong.empty());
    }

    /** The 20-byte form a 3.9.5 learner sends. */
    public static LearnerInfo v39(long sid, long configVersion) {
        return new LearnerInfo(sid, ZAB_1_0, OptionalLong.of(configVersion));
    }

    /** The jute bytes: 12, or 20 with a config version. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(configVersion.isPresent() ? 20 : 12);
        out.putLong(sid).putInt(protocolVersion);
        configVersion.ifPresent(out::putLong);
        return out.array();
    }

    /**
     * Reads the data the way a 3.9.5 leader does: 8 bytes are a bare sid, 12 add the protocol
     * version, 20 or more add the config version; bytes past those are ignored, as both versions
     * ignore them. Null or shorter than 8 is rejected.
     */
    public static DecodeResult<LearnerInfo> decode(byte[] data) {
        if (data == null || data.length < 8) {
            return DecodeResult.rejected("LearnerInfo needs at least 8 bytes, got "
                    + (data == null ? "null" : data.length));
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        long sid = in.getLong();
        int version = data.length >= 12 ? in.getInt() : PRE_ZAB_1_0;
        OptionalLong config = data.length >= 20 ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
        return DecodeResult.decoded(new LearnerInfo(sid, version, config));
    }
}
