package io.quorum.peer.session;

import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Jute encoding of {@link QuorumPacket} exactly as PROTOCOL.md section 6.1 gives it: int type,
 * long zxid, buffer data (length -1 = null), vector authinfo (always written as null, -1). There
 * is no outer length prefix, so a reader learns a packet's size only by parsing it; {@link
 * #decodeNext} therefore works on a buffer that may hold part of a packet.
 *
 * <p>Decoding never throws on bytes from the network: anything malformed is a {@link
 * DecodeResult.Rejected} and the connection is to be closed (ZOOKEEPER-547/893/3769, anchors
 * section 2: lengths read from the network are bounded before anything is allocated).
 */
public final class QuorumPacketCodec {
    /** The data cap for handshake packets: ZooKeeper's default {@code jute.maxbuffer} is 1 MiB - 1. */
    public static final int DEFAULT_MAX_DATA = 1 << 20;
    /** Quorum peers never send authinfo; a few small entries are tolerated and dropped. */
    static final int MAX_AUTH_ENTRIES = 16;
    static final int MAX_AUTH_STRING = 1024;
    private static final int HEADER = 4 + 8 + 4;

    private final int maxData;

    /** A codec that rejects data longer than {@code maxData} bytes. */
    public QuorumPacketCodec(int maxData) {
        if (maxData < 0) {
            throw new IllegalArgumentException("maxData < 0: " + maxData);
        }
        this.maxData = maxData;
    }

    /** A codec with the {@link #DEFAULT_MAX_DATA} cap. */
    public static QuorumPacketCodec standard() {
        return new QuorumPacketCodec(DEFAULT_MAX_DATA);
    }

    /** The packet's jute bytes, without a length prefix. */
    public static byte[] encode(QuorumPacket packet) {
        int length = packet.dataLength();
        ByteBuffer out = ByteBuffer.allocate(HEADER + Math.max(0, length) + 4);
        out.putInt(packet.type()).putLong(packet.zxid()).putInt(length);
        if (length > 0) {
            out.put(packet.data());
        }
        // authinfo: a null vector. ZooKeeper's quorum code never fills it (section 6.1).
        out.putInt(-1);
        return out.array();
    }

    /** Decodes exactly one packet from {@code bytes}; trailing or missing bytes are rejected. */
    public DecodeResult<QuorumPacket> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Optional<DecodeResult<QuorumPacket>> result = decodeNext(in);
        if (result.isEmpty()) {
            return DecodeResult.rejected("truncated packet: " + bytes.length + " bytes");
        }
        if (result.get().isDecoded() && in.hasRemaining()) {
            return DecodeResult.rejected(in.remaining() + " bytes after the packet");
        }
        return result.get();
    }

    /**
     * Decodes the next packet from {@code in}'s position.
     *
     * @return empty if {@code in} holds only the beginning of a packet (its position is then
     *     unchanged: call again with more bytes appended); a decoded packet (the position is past
     *     it); or a rejection (the position is unspecified, the stream cannot be resynchronised)
     */
    public Optional<DecodeResult<QuorumPacket>> decodeNext(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < HEADER) {
            return Optional.empty();
        }
        int type = in.getInt();
        long zxid = in.getLong();
        int length = in.getInt();
        if (length < -1) {
            return Optional.of(DecodeResult.rejected("negative data length " + length));
        }
        if (length > maxData) {
            return Optional.of(DecodeResult.rejected("data length " + length + " over the cap " + maxData));
        }
        if (in.remaining() < Math.max(0, length)) {
            in.position(start);
            return Optional.empty();
        }
        byte[] data = null;
        if (length >= 0) {
            data = new byte[length];
            in.get(data);
        }
        Optional<String> authProblem = skipAuthInfo(in);
        if (authProblem == null) {
            in.position(start);
            return Optional.empty();
        }
        if (authProblem.isPresent()) {
            return Optional.of(DecodeResult.rejected(authProblem.get()));
        }
        return Optional.of(DecodeResult.decoded(new QuorumPacket(type, zxid, data)));
    }

    /**
     * Reads past the authinfo vector: null when more bytes are needed, a problem, or empty when it
     * was read. Entries are Id records (ustring scheme, ustring id), bounded and discarded.
     */
    private static Optional<String> skipAuthInfo(ByteBuffer in) {
        if (in.remaining() < 4) {
            return null;
        }
        int count = in.getInt();
        if (count < -1 || count > MAX_AUTH_ENTRIES) {
            return Optional.of("authinfo vector count " + count + " outside [-1, " + MAX_AUTH_ENTRIES + "]");
        }
        for (int i = 0; i < 2 * count; i++) {
            if (in.remaining() < 4) {
                return null;
            }
            int length = in.getInt();
            if (length < -1 || length > MAX_AUTH_STRING) {
                return Optional.of("authinfo string length " + length + " outside [-1, " + MAX_AUTH_STRING + "]");
            }
            if (in.remaining() < Math.max(0, length)) {
                return null;
            }
            in.position(in.position() + Math.max(0, length));
        }
        return Optional.empty();
    }
}
