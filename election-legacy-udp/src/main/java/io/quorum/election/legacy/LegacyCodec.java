package io.quorum.election.legacy;

import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes and encodes the UDP datagrams of electionAlg=0, ZooKeeper's LeaderElection
 * (PROTOCOL.md section 4). Pure and stateless: no exception escapes a decode method.
 *
 * <ul>
 *   <li>A request is exactly 4 bytes; the 3.4.14 responder ignores any other length, and so do
 *       we.
 *   <li>A response is sent as 36 bytes, of which the requester reads 28 (its receive buffer is 28
 *       bytes, so the rest is cut off by the socket). We decode the first 28 and ignore the rest,
 *       whatever it holds: bytes 28..35 are never written by a 3.4.14 responder and may be stale.
 *       Fewer than 28 bytes is a "short response" and is rejected. We encode all 36 bytes with
 *       zeros at 28..35, which is what 3.4.14 puts on the wire in practice (observed, and in the
 *       {@code le0-response-*} vectors).
 * </ul>
 */
public final class LegacyCodec {
    /** The only request length a responder accepts. */
    public static final int REQUEST_LENGTH = 4;
    /** The bytes a responder sends. */
    public static final int RESPONSE_LENGTH = 36;
    /** The bytes a requester reads of a response. */
    public static final int RESPONSE_READ_LENGTH = 28;

    private LegacyCodec() {
    }

    public static byte[] encodeRequest(LegacyRequest request) {
        return ByteBuffer.allocate(REQUEST_LENGTH).putInt(request.xid()).array();
    }

    public static DecodeResult<LegacyRequest> decodeRequest(byte[] datagram) {
        return decodeRequest(ByteBuffer.wrap(datagram));
    }

    /** Decodes the remaining bytes of {@code datagram}; its position is not changed. */
    public static DecodeResult<LegacyRequest> decodeRequest(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.BIG_ENDIAN);
        if (in.remaining() != REQUEST_LENGTH) {
            return DecodeResult.rejected("request of " + in.remaining() + " bytes: exactly 4 (an xid) expected");
        }
        return DecodeResult.decoded(new LegacyRequest(in.getInt(0)));
    }

    /** The 36-byte response, with the 8 bytes no receiver reads set to zero. */
    public static byte[] encodeResponse(LegacyResponse response) {
        return ByteBuffer.allocate(RESPONSE_LENGTH)
                .putInt(response.xid())
                .putLong(response.responderId())
                .putLong(response.voteLeader())
                .putLong(response.voteZxid())
                .array();
    }

    public static DecodeResult<LegacyResponse> decodeResponse(byte[] datagram) {
        return decodeResponse(ByteBuffer.wrap(datagram));
    }

    /** Decodes the remaining bytes of {@code datagram}; its position is not changed. */
    public static DecodeResult<LegacyResponse> decodeResponse(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.BIG_ENDIAN);
        if (in.remaining() < RESPONSE_READ_LENGTH) {
            return DecodeResult.rejected("short response: " + in.remaining() + " bytes, at least 28 needed");
        }
        return DecodeResult.decoded(new LegacyResponse(in.getInt(0), in.getLong(4), in.getLong(12), in.getLong(20)));
    }
}
