package io.quorum.examples.raft;

import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;

/**
 * One election message. Every kind has the same fixed layout, so a decoder needs no per-kind
 * parsing: {@code kind:1 term:8 epoch:8 zxid:8 attempt:8 granted:1} (34 bytes, big-endian).
 *
 * @param kind what the message is
 * @param term the sender's term (for a pre-vote request, the term it would campaign in)
 * @param epoch requests and heartbeats: the sender's current epoch (its history)
 * @param zxid requests and heartbeats: the sender's last logged zxid
 * @param attempt requests: which of the sender's campaigns asks; replies: the attempt they answer.
 *     A pre-vote does not raise the term, so two pre-votes can ask for the same term: without it,
 *     a grant to an old attempt (which a reconnecting stream re-sends) would count for a new one
 * @param granted replies: whether the vote or pre-vote was given
 */
record RaftMessage(Kind kind, long term, long epoch, long zxid, long attempt, boolean granted) {
    static final int SIZE = 34;

    enum Kind { PRE_VOTE, PRE_VOTE_REPLY, VOTE, VOTE_REPLY, HEARTBEAT, HEARTBEAT_REPLY }

    static RaftMessage request(Kind kind, long term, long epoch, long zxid, long attempt) {
        return new RaftMessage(kind, term, epoch, zxid, attempt, false);
    }

    static RaftMessage reply(Kind kind, long term, boolean granted, long attempt) {
        return new RaftMessage(kind, term, 0, 0, attempt, granted);
    }

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).put((byte) kind.ordinal()).putLong(term).putLong(epoch).putLong(zxid)
                .putLong(attempt).put((byte) (granted ? 1 : 0)).array();
    }

    /** The message in {@code payload}, or why it is not one; never throws. */
    static DecodeResult<RaftMessage> decode(ByteBuffer payload) {
        if (payload.remaining() != SIZE) {
            return DecodeResult.rejected("raft message of " + payload.remaining() + " bytes, expected " + SIZE);
        }
        ByteBuffer in = payload.duplicate();
        int kind = in.get();
        if (kind < 0 || kind >= Kind.values().length) {
            return DecodeResult.rejected("unknown raft message kind " + kind);
        }
        long term = in.getLong();
        long epoch = in.getLong();
        long zxid = in.getLong();
        long attempt = in.getLong();
        int granted = in.get();
        if (term < 0 || granted < 0 || granted > 1) {
            return DecodeResult.rejected("raft message with term " + term + " and granted byte " + granted);
        }
        return DecodeResult.decoded(new RaftMessage(Kind.values()[kind], term, epoch, zxid, attempt, granted == 1));
    }
}
