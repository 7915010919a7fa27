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

    @Override
    public String toString() {
        return "currentEpoch=" + currentEpoch + " acceptedEpoch=" + acceptedEpoch + " lastLoggedZxid="
                + Zxid.toHex(lastLoggedZxid);
    }
}
