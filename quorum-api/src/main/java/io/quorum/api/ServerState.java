package io.quorum.api;

import java.util.Optional;

/**
 * The role a peer is in. The ordinals are the values ZooKeeper writes on the wire in election
 * notifications, so the constants must never be reordered.
 */
public enum ServerState {
    /** Electing a leader. Wire value 0. */
    LOOKING,
    /** Following an elected leader. Wire value 1. */
    FOLLOWING,
    /** Leading the ensemble. Wire value 2. */
    LEADING,
    /** Observing a leader without voting. Wire value 3. */
    OBSERVING;

    private static final ServerState[] BY_WIRE = values();

    /** The value ZooKeeper writes for this state in a notification. */
    public int wireValue() {
        return ordinal();
    }

    /**
     * The state for a wire value, or empty when the value names no state (garbage on the wire is
     * the caller's to reject, not an exception).
     */
    public static Optional<ServerState> fromWire(int value) {
        if (value < 0 || value >= BY_WIRE.length) {
            return Optional.empty();
        }
        return Optional.of(BY_WIRE[value]);
    }
}
