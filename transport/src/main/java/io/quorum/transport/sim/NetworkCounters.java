package io.quorum.transport.sim;

/** Message counts of one run. */
public final class NetworkCounters {
    long sent;
    long delivered;
    long dropped;
    long duplicated;
    long reordered;
    long resent;

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    public long duplicated() {
        return duplicated;
    }

    public long reordered() {
        return reordered;
    }

    /** Last messages sent again when a stream came back. */
    public long resent() {
        return resent;
    }

    @Override
    public String toString() {
        return "sent=" + sent + " delivered=" + delivered + " dropped=" + dropped + " duplicated=" + duplicated
                + " reordered=" + reordered + " resent=" + resent;
    }
}
