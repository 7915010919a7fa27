package io.quorum.peer.runtime;

import io.quorum.api.Zxid;
import io.quorum.peer.persist.EpochStore;
import io.quorum.peer.persist.RecoveredState;
import io.quorum.peer.persist.TxnLog;
import java.io.IOException;

/**
 * This peer's durable history: its epochs and its last logged zxid. Reads come from memory;
 * every change goes to disk first (the stores fsync before they return), so what other threads
 * read here has always been persisted.
 */
public final class PeerHistory {
    /** The payload of the record that stands for a snapshot received from a leader. */
    static final byte[] SNAPSHOT_MARKER = "snapshot".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final EpochStore epochs;
    private final TxnLog log;
    private volatile long currentEpoch;
    private volatile long acceptedEpoch;
    private volatile long lastLoggedZxid;

    public PeerHistory(EpochStore epochs, TxnLog log, RecoveredState recovered) {
        this.epochs = epochs;
        this.log = log;
        this.currentEpoch = recovered.currentEpoch();
        this.acceptedEpoch = recovered.acceptedEpoch();
        this.lastLoggedZxid = recovered.lastLoggedZxid();
    }

    public long currentEpoch() {
        return currentEpoch;
    }

    public long acceptedEpoch() {
        return acceptedEpoch;
    }

    public long lastLoggedZxid() {
        return lastLoggedZxid;
    }

    /** Zab's accepted epoch: written when this peer agrees to join {@code epoch}. */
    public synchronized void acceptEpoch(long epoch) throws IOException {
        epochs.setAcceptedEpoch(epoch);
        acceptedEpoch = epoch;
    }

    /** Zab's current epoch, with ZooKeeper 3.4's updatingEpoch marker around the write. */
    public synchronized void markUpdatingEpoch() throws IOException {
        epochs.markUpdatingEpoch();
    }

    public synchronized void setCurrentEpoch(long epoch) throws IOException {
        epochs.setCurrentEpoch(epoch);
        currentEpoch = epoch;
    }

    public synchronized void clearUpdatingEpoch() throws IOException {
        epochs.clearUpdatingEpoch();
    }

    /** Appends a record to the transaction log (the leader logs the start of its epoch). */
    public synchronized void append(long zxid, byte[] payload) throws IOException {
        log.append(zxid, payload);
        lastLoggedZxid = zxid;
    }

    /** Drops logged transactions above {@code zxid} (the leader's TRUNC). */
    public synchronized void truncateAfter(long zxid) throws IOException {
        log.truncateAfter(zxid);
        lastLoggedZxid = log.lastZxid();
    }

    /**
     * Takes the leader's snapshot at {@code zxid} (SNAP) as this peer's state. We keep no data
     * tree, so the log is cut back to, or extended by a marker record at, the snapshot's zxid: the
     * last logged zxid this peer reports in its next election is then the snapshot's, as a
     * ZooKeeper peer that loaded that snapshot would report.
     */
    public synchronized void adoptSnapshot(long zxid) throws IOException {
        if (lastLoggedZxid > zxid) {
            truncateAfter(zxid);
        }
        if (lastLoggedZxid < zxid) {
            append(zxid, SNAPSHOT_MARKER);
        }
    }

    @Override
    public String toString() {
        return "currentEpoch=" + currentEpoch + " acceptedEpoch=" + acceptedEpoch + " lastLoggedZxid="
                + Zxid.toHex(lastLoggedZxid);
    }
}
