package io.quorum.peer.persist;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * A peer's durable Zab epochs. {@code acceptedEpoch} is the highest epoch the peer agreed to
 * join, {@code currentEpoch} the epoch of the last leader it fully synced with. Setters return
 * only once the value is durable, and the getters change only after that, so whatever the peer
 * sends on the strength of a value has been on disk first.
 *
 * <p>An epoch may be absent (a data directory from before epochs existed, or a fresh one); {@link
 * DataDirRecovery} fills it in at start-up, after which both are present.
 */
public interface EpochStore {

    /** True if a {@code currentEpoch} value is stored. */
    boolean hasCurrentEpoch();

    /**
     * The stored current epoch.
     *
     * @throws IllegalStateException if none is stored yet
     */
    long currentEpoch();

    /** Durably stores the current epoch, then remembers it. */
    void setCurrentEpoch(long epoch) throws IOException;

    /** True if an {@code acceptedEpoch} value is stored. */
    boolean hasAcceptedEpoch();

    /**
     * The stored accepted epoch.
     *
     * @throws IllegalStateException if none is stored yet
     */
    long acceptedEpoch();

    /** Durably stores the accepted epoch, then remembers it. */
    void setAcceptedEpoch(long epoch) throws IOException;

    /**
     * True if the {@code updatingEpoch} marker is present: the peer had logged state of a new
     * epoch but may have died before storing that epoch as current.
     */
    boolean isUpdatingEpoch();

    /** Durably creates the {@code updatingEpoch} marker, before state of a new epoch is logged. */
    void markUpdatingEpoch() throws IOException;

    /** Durably removes the {@code updatingEpoch} marker, after the new current epoch is stored. */
    void clearUpdatingEpoch() throws IOException;

    /**
     * The value of a {@code currentEpoch} write that was interrupted before its rename, if it was
     * left intact and newer than the stored value. It is evidence for {@link DataDirRecovery},
     * never a value in its own right. Stores that cannot be interrupted have none.
     */
    default OptionalLong interruptedCurrentEpochWrite() {
        return OptionalLong.empty();
    }

    /** Forgets the evidence of interrupted writes once recovery has decided what it means. */
    default void discardInterruptedWrites() throws IOException {
    }

    /** Where the epochs live, for messages. */
    String location();
}
