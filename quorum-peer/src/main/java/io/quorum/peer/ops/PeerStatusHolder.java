package io.quorum.peer.ops;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The peer's side of {@link PeerStatusSource}: the peer publishes a new snapshot on every change
 * and readers on other threads see the latest one. Snapshots are immutable, so a reader never sees
 * a half-updated status (a state from one election with the epoch of another).
 */
public final class PeerStatusHolder implements PeerStatusSource {
    private final AtomicReference<PeerStatus> latest;

    /** Starts with the given snapshot, usually {@link PeerStatus#starting}. */
    public PeerStatusHolder(PeerStatus initial) {
        latest = new AtomicReference<>(Objects.requireNonNull(initial, "initial status is null"));
    }

    /** Replaces the published snapshot. */
    public void publish(PeerStatus status) {
        latest.set(Objects.requireNonNull(status, "status is null"));
    }

    /** Publishes {@code change} applied to the current snapshot and returns the result. */
    public PeerStatus update(UnaryOperator<PeerStatus> change) {
        return latest.updateAndGet(current -> Objects.requireNonNull(change.apply(current), "change returned null"));
    }

    @Override
    public PeerStatus current() {
        return latest.get();
    }
}
