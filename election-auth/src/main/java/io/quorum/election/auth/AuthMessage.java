package io.quorum.election.auth;

import io.quorum.api.ServerState;
import java.util.Objects;

/**
 * One AuthFastLeaderElection datagram (electionAlg 1 and 2, PROTOCOL.md section 5.1). Every kind
 * carries a tag, which pairs requests, challenges and acks with their notification, and the
 * sender's state as the sender meant it (see {@link AuthCodec} for the 3.4.14 receiver's swap).
 */
public sealed interface AuthMessage {

    MessageType type();

    long tag();

    ServerState state();

    /** A request for a challenge (type 0); 3.4.14 always writes state LOOKING here. */
    record ChallengeRequest(long tag, ServerState state) implements AuthMessage {
        public ChallengeRequest {
            Objects.requireNonNull(state, "state is null");
        }

        @Override
        public MessageType type() {
            return MessageType.CHALLENGE_REQUEST;
        }
    }

    /** The receiver's challenge for a tag (type 1): a nonce, not a secret (section 0 item 9). */
    record Challenge(long tag, ServerState state, long challenge) implements AuthMessage {
        public Challenge {
            Objects.requireNonNull(state, "state is null");
        }

        @Override
        public MessageType type() {
            return MessageType.CHALLENGE;
        }
    }

    /**
     * A vote (type 2); 3.4.14 always writes state LOOKING here.
     *
     * @param epoch the sender's logical clock
     * @param challenge the challenge received for this tag under alg 2; 0 under alg 1
     */
    record Notification(long tag, ServerState state, long leader, long zxid, long epoch, long challenge)
            implements AuthMessage {
        public Notification {
            Objects.requireNonNull(state, "state is null");
        }

        @Override
        public MessageType type() {
            return MessageType.NOTIFICATION;
        }
    }

    /**
     * An acknowledgement (type 3) carrying the acker's current vote and logical clock; receivers
     * use the vote only when the acker is not LOOKING (section 5.2).
     */
    record Ack(long tag, ServerState state, long leader, long zxid, long epoch) implements AuthMessage {
        public Ack {
            Objects.requireNonNull(state, "state is null");
        }

        @Override
        public MessageType type() {
            return MessageType.ACK;
        }
    }
}
