package io.quorum.peer.persist;

import io.quorum.api.Zxid;

/**
 * What a peer knows about itself after start-up recovery: the values its first vote and its
 * learner handshake are built from.
 */
public record RecoveredState(long currentEpoch, long acceptedEpoch, long lastLoggedZxid) {

    @Override
    public String toString() {
        return "RecoveredState[currentEpoch=" + currentEpoch + ", acceptedEpoch=" + acceptedEpoch
                + ", lastLoggedZxid=" + Zxid.toHex(lastLoggedZxid) + "]";
    }
}
