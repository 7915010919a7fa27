package io.quorum.election.auth;

import io.quorum.api.election.DecodeResult;
import io.quorum.api.ServerState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes and encodes the 48-byte AuthFastLeaderElection datagrams (PROTOCOL.md section 5.1).
 * Pure and stateless: no exception escapes a decode method.
 *
 * <p>Layout: type int at 0, tag long at 4, state int at 12, then a 32-byte body whose fields
 * depend on the type. Bytes the type does not use are ignored when decoding, as 3.4.14 never
 * reads them, and written as zeros when encoding, as 3.4.14 does (the {@code afle-*} vectors).
 * Any length other than 48 and any type other than 0..3 are rejected, as 3.4.14 drops them.
 *
 * <p><b>The state.</b> The 3.4.14 sender writes the {@link ServerState} ordinal, but its receiver
 * maps 1 to LEADING and 2 to FOLLOWING, and dies on 3 (section 0 item 7). We decode the state as
 * the sender meant it ({@link ServerState#fromWire}: 1 is FOLLOWING, 2 LEADING, 3 OBSERVING)
 * because:
 * <ul>
 *   <li>nothing 3.4.14 decides depends on the swap: its election loop and its ack handling only
 *       ask whether the state is LOOKING (sections 5.2, 5.3), which the swap preserves;
 *   <li>decoding the sender's meaning keeps {@code encode(decode(bytes))} byte-identical and our
 *       traces truthful;
 *   <li>state 3 is a well-formed ack from a 3.4.14 observer; we decode it and leave it to the core
 *       not to count an observer's vote, instead of failing as 3.4.14 does.
 * </ul>
 * The core reproduces the 3.4.14 receiver's view by applying {@link #stateAsRead3414} to every
 * state it receives ({@link AuthFastLeaderElection}), keeping the sent state beside it. States
 * outside 0..3 are rejected.
 */
public final class AuthCodec {
    /** The only length of a message; 3.4.14 drops any other ("Got a short response"). */
    public static final int LENGTH = 48;

    private static final int TYPE_OFFSET = 0;
    private static final int TAG_OFFSET = 4;
    private static final int STATE_OFFSET = 12;
    private static final int BODY_OFFSET = 16;

    private AuthCodec() {
    }

    public static DecodeResult<AuthMessage> decode(byte[] datagram) {
        return decode(ByteBuffer.wrap(datagram));
    }

    /** Decodes the remaining bytes of {@code datagram}; its position is not changed. */
    public static DecodeResult<AuthMessage> decode(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.BIG_ENDIAN);
        if (in.remaining() != LENGTH) {
            return DecodeResult.rejected("message of " + in.remaining() + " bytes: exactly 48 expected");
        }
        int typeValue = in.getInt(TYPE_OFFSET);
        Optional<MessageType> type = MessageType.fromWire(typeValue);
        if (type.isEmpty()) {
            return DecodeResult.rejected("unknown message type " + typeValue + " (0..3 expected)");
        }
        int stateValue = in.getInt(STATE_OFFSET);
        Optional<ServerState> state = ServerState.fromWire(stateValue);
        if (state.isEmpty()) {
            return DecodeResult.rejected("unknown state " + stateValue + " (0..3 expected)");
        }
        return DecodeResult.decoded(body(type.get(), in.getLong(TAG_OFFSET), state.get(), in));
    }

    private static AuthMessage body(MessageType type, long tag, ServerState state, ByteBuffer in) {
        long first = in.getLong(BODY_OFFSET);
        long second = in.getLong(BODY_OFFSET + 8);
        long third = in.getLong(BODY_OFFSET + 16);
        long fourth = in.getLong(BODY_OFFSET + 24);
        return switch (type) {
            case CHALLENGE_REQUEST -> new AuthMessage.ChallengeRequest(tag, state);
            case CHALLENGE -> new AuthMessage.Challenge(tag, state, first);
            case NOTIFICATION -> new AuthMessage.Notification(tag, state, first, second, third, fourth);
            case ACK -> new AuthMessage.Ack(tag, state, first, second, third);
        };
    }

    /** The 48 bytes of {@code message}, with zeros where its type has no field. */
    public static byte[] encode(AuthMessage message) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH)
                .putInt(message.type().wireValue())
                .putLong(message.tag())
                .putInt(message.state().wireValue());
        if (message instanceof AuthMessage.Challenge c) {
            out.putLong(c.challenge());
        } else if (message instanceof AuthMessage.Notification n) {
            out.putLong(n.leader()).putLong(n.zxid()).putLong(n.epoch()).putLong(n.challenge());
        } else if (message instanceof AuthMessage.Ack a) {
            out.putLong(a.leader()).putLong(a.zxid()).putLong(a.epoch());
        }
        return out.array();
    }

    /**
     * The state a 3.4.14 receiver believes it was sent (section 5.1): FOLLOWING and LEADING
     * swapped, and empty for OBSERVING, on which the 3.4.14 receive thread dies.
     */
    public static Optional<ServerState> stateAsRead3414(ServerState sent) {
        return switch (sent) {
            case LOOKING -> Optional.of(ServerState.LOOKING);
            case FOLLOWING -> Optional.of(ServerState.LEADING);
            case LEADING -> Optional.of(ServerState.FOLLOWING);
            case OBSERVING -> Optional.empty();
        };
    }
}
