package io.quorum.election.auth;

import java.util.Optional;

/** The kinds of AuthFastLeaderElection message, by their wire value (PROTOCOL.md section 5.1). */
public enum MessageType {
    /** Asks the receiver for a challenge for a tag (alg 2 only). Wire value 0. */
    CHALLENGE_REQUEST,
    /** The receiver's challenge for a tag. Wire value 1. */
    CHALLENGE,
    /** A vote. Wire value 2. */
    NOTIFICATION,
    /** Acknowledges a notification, carrying the acker's current vote. Wire value 3. */
    ACK;

    private static final MessageType[] BY_WIRE = values();

    public int wireValue() {
        return ordinal();
    }

    /** The type for a wire value, or empty for values 3.4.14 drops. */
    public static Optional<MessageType> fromWire(int value) {
        if (value < 0 || value >= BY_WIRE.length) {
            return Optional.empty();
        }
        return Optional.of(BY_WIRE[value]);
    }
}
