package io.quorum.peer.sim;

import io.quorum.peer.persist.EpochStore;
import java.util.OptionalLong;

/**
 * A peer's epoch files as the simulator keeps them: whatever a setter stored survives a crash,
 * because a setter returning is what "durable" means. A crash in the middle of a currentEpoch
 * write leaves the value it was writing as {@link #interruptedCurrentEpochWrite() evidence}, as
 * {@code FileEpochStore}'s temporary file does; recovery decides what that evidence is worth.
 */
public final class SimEpochStore implements EpochStore {
    private final String location;
    private Long currentEpoch;
    private Long acceptedEpoch;
    private boolean updatingEpoch;
    private Long interruptedCurrentEpoch;

    public SimEpochStore(String location, long currentEpoch, long acceptedEpoch) {
        this.location = location;
        this.currentEpoch = currentEpoch;
        this.acceptedEpoch = acceptedEpoch;
    }

    @Override
    public boolean hasCurrentEpoch() {
        return currentEpoch != null;
    }

    @Override
    public long currentEpoch() {
        if (currentEpoch == null) {
            throw new IllegalStateException("no currentEpoch in " + location);
        }
        return currentEpoch;
    }

    @Override
    public void setCurrentEpoch(long epoch) {
        currentEpoch = epoch;
        interruptedCurrentEpoch = null;
    }

    @Override
    public boolean hasAcceptedEpoch() {
        return acceptedEpoch != null;
    }

    @Override
    public long acceptedEpoch() {
        if (acceptedEpoch == null) {
            throw new IllegalStateException("no acceptedEpoch in " + location);
        }
        return acceptedEpoch;
    }

    @Override
    public void setAcceptedEpoch(long epoch) {
        acceptedEpoch = epoch;
    }

    @Override
    public boolean isUpdatingEpoch() {
        return updatingEpoch;
    }

    @Override
    public void markUpdatingEpoch() {
        updatingEpoch = true;
    }

    @Override
    public void clearUpdatingEpoch() {
        updatingEpoch = false;
    }

    /** The peer crashed while writing currentEpoch: the value stays as it was, the new one is left as evidence. */
    void interruptCurrentEpochWrite(long epoch) {
        interruptedCurrentEpoch = epoch;
    }

    @Override
    public OptionalLong interruptedCurrentEpochWrite() {
        return interruptedCurrentEpoch != null && (currentEpoch == null || interruptedCurrentEpoch > currentEpoch)
                ? OptionalLong.of(interruptedCurrentEpoch) : OptionalLong.empty();
    }

    @Override
    public void discardInterruptedWrites() {
        interruptedCurrentEpoch = null;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String toString() {
        return "currentEpoch=" + currentEpoch + " acceptedEpoch=" + acceptedEpoch + (updatingEpoch ? " updatingEpoch" : "")
                + (interruptedCurrentEpoch != null ? " currentEpoch.tmp=" + interruptedCurrentEpoch : "");
    }
}
