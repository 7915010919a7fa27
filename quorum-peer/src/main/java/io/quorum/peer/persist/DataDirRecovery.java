package io.quorum.peer.persist;

import io.quorum.api.Zxid;
import java.io.IOException;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of the epochs against the transaction log, as ZooKeeper's
 * {@code QuorumPeer.loadDataBase} does it:
 * <ol>
 *   <li>A missing epoch file is created with the epoch of the last logged zxid.
 *   <li>If the log is of a newer epoch than {@code currentEpoch}, the peer died after logging the
 *       new epoch's state but before storing the epoch. It adopts the log's epoch if the
 *       {@code updatingEpoch} marker says so (ZooKeeper 3.4), or if an interrupted write of
 *       exactly that epoch was left in {@code currentEpoch.tmp} (ZooKeeper 3.9.5, made stricter:
 *       see {@link FileEpochStore}). Otherwise it refuses to start.
 *   <li>An {@code acceptedEpoch} below {@code currentEpoch} is a refusal too.
 * </ol>
 * A marker that the log does not need is stale (the epoch write finished, the marker delete did
 * not) and is removed, so that it cannot vouch for some later, unrelated gap.
 */
public final class DataDirRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirRecovery.class);

    private final EpochStore epochs;
    private final TxnLog log;

    private DataDirRecovery(EpochStore epochs, TxnLog log) {
        this.epochs = epochs;
        this.log = log;
    }

    /**
     * Checks and repairs the epochs against the log, and returns the peer's state.
     *
     * @throws DataDirRecoveryException if the directory is inconsistent beyond safe repair
     */
    public static RecoveredState recover(EpochStore epochs, TxnLog log) throws IOException {
        return new DataDirRecovery(epochs, log).run();
    }

    private RecoveredState run() throws IOException {
        long lastZxid = log.lastZxid();
        long epochOfZxid = Zxid.epochOf(lastZxid);
        long current = recoverCurrentEpoch(epochOfZxid);
        if (epochOfZxid > current) {
            throw new DataDirRecoveryException("The current epoch, " + current + ", is older than the last zxid, "
                    + Zxid.toHex(lastZxid) + " (currentEpoch in " + epochs.location() + ", transaction log in "
                    + log.location() + ")");
        }
        long accepted = recoverAcceptedEpoch(epochOfZxid);
        if (accepted < current) {
            throw new DataDirRecoveryException("The accepted epoch, " + accepted + " is less than the current epoch, "
                    + current + " (acceptedEpoch and currentEpoch in " + epochs.location() + ")");
        }
        // Only now: on a refusal the evidence stays on disk for whoever investigates.
        epochs.discardInterruptedWrites();
        RecoveredState state = new RecoveredState(current, accepted, lastZxid);
        LOG.info("Recovered {} from {}", state, epochs.location());
        return state;
    }

    private long recoverCurrentEpoch(long epochOfZxid) throws IOException {
        if (!epochs.hasCurrentEpoch()) {
            LOG.info("currentEpoch not found! Creating with a reasonable default of {}. This should only happen"
                    + " on a fresh data directory or when upgrading from a version without epoch files", epochOfZxid);
            epochs.setCurrentEpoch(epochOfZxid);
        }
        if (epochOfZxid > epochs.currentEpoch()) {
            adoptLoggedEpochIfVouchedFor(epochOfZxid);
        }
        if (epochs.isUpdatingEpoch()) {
            LOG.info("Removing stale updatingEpoch marker in {}: currentEpoch {} already covers the log",
                    epochs.location(), epochs.currentEpoch());
            epochs.clearUpdatingEpoch();
        }
        return epochs.currentEpoch();
    }

    private void adoptLoggedEpochIfVouchedFor(long epochOfZxid) throws IOException {
        if (epochs.isUpdatingEpoch()) {
            LOG.info("updatingEpoch found. The server was terminated after logging epoch {} but before updating"
                    + " the current epoch. Setting current epoch to {}.", epochOfZxid, epochOfZxid);
            epochs.setCurrentEpoch(epochOfZxid);
            epochs.clearUpdatingEpoch();
        } else if (epochs.interruptedCurrentEpochWrite().equals(OptionalLong.of(epochOfZxid))) {
            LOG.info("currentEpoch.tmp found holding {}, the epoch of the last logged zxid. The server was"
                    + " terminated while writing it. Setting current epoch to {}.", epochOfZxid, epochOfZxid);
            epochs.setCurrentEpoch(epochOfZxid);
        }
    }

    private long recoverAcceptedEpoch(long epochOfZxid) throws IOException {
        if (!epochs.hasAcceptedEpoch()) {
            LOG.info("acceptedEpoch not found! Creating with a reasonable default of {}. This should only happen"
                    + " on a fresh data directory or when upgrading from a version without epoch files", epochOfZxid);
            epochs.setAcceptedEpoch(epochOfZxid);
        }
        return epochs.acceptedEpoch();
    }
}
