package io.quorum.peer.sim;

import io.quorum.api.Zxid;

/**
 * What a peer knows about itself: its epochs and its last logged zxid, as recovered at boot and
 * changed only after the store or the log has made the change durable.
 */
public record History(long currentEpoch, long acceptedEpoch, long lastLoggedZxid) {

    History withCurrentEpoch(long epoch) {
        return new History(epoch, acceptedEpoch, lastLoggedZxid);
    }

    History withAcceptedEpoch(long epoch) {
        return new History(currentEpoch, epoch, lastLoggedZxid);
    }

    History withLastLoggedZxid(long zxid) {
        return new History(currentEpoch, acceptedEpoch, zxid);
    }

    /**
     * Zab's "more recent than": a higher current epoch, or the same one with a higher last zxid
     * (ZooKeeper's {@code StateSummary.isMoreRecentThan}).
     */
    boolean isMoreRecentThan(History other) {
        return currentEpoch > other.currentEpoch
                || currentEpoch == other.currentEpoch && lastLoggedZxid > other.lastLoggedZxid;
    }

    @Override
    public String toString() {
        return "(currentEpoch " + currentEpoch + ", acceptedEpoch " + acceptedEpoch + ", zxid " + Zxid.toHex(lastLoggedZxid)
                + ")";
    }
}
