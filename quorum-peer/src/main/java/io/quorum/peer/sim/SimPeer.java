package io.quorum.peer.sim;

import io.quorum.api.LearnerType;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.RecoveredState;
import io.quorum.peer.session.SyncKind;
import java.io.IOException;

/**
 * One simulated peer as the session layer sees it: what survives a crash (the epoch store and the
 * transaction log), what does not (its history in memory and its session), and every durable
 * change, each made on disk first and in memory after.
 */
final class SimPeer {
    final int index;
    final long sid;
    final LearnerType learnerType;
    final SimEpochStore store;
    final SimTxnLog log;
    private History history;
    private SessionRun session;

    SimPeer(int index, LearnerType learnerType, History initial) {
        this.index = index;
        this.sid = index + 1L;
        this.learnerType = learnerType;
        this.store = new SimEpochStore("n" + sid + ":version-2", initial.currentEpoch(), initial.acceptedEpoch());
        this.log = new SimTxnLog("n" + sid + ":log", initial.lastLoggedZxid());
    }

    /** Start-up: {@link DataDirRecovery} over the store and the log, as a real peer's start does. */
    void recover() throws IOException {
        RecoveredState state = DataDirRecovery.recover(store, log);
        history = new History(state.currentEpoch(), state.acceptedEpoch(), state.lastLoggedZxid());
    }

    /** Memory is lost; the store and the log stay. */
    void crash() {
        history = null;
        session = null;
    }

    boolean isUp() {
        return history != null;
    }

    /** The live history, or null while the peer is down. */
    History history() {
        return history;
    }

    SessionRun session() {
        return session;
    }

    void session(SessionRun run) {
        session = run;
    }

    boolean isObserver() {
        return learnerType == LearnerType.OBSERVER;
    }

    void write(SessionEffects.Write write, long epoch) {
        switch (write) {
            case ACCEPTED_EPOCH -> {
                store.setAcceptedEpoch(epoch);
                history = history.withAcceptedEpoch(epoch);
            }
            case MARK_UPDATING -> store.markUpdatingEpoch();
            case CURRENT_EPOCH -> {
                store.setCurrentEpoch(epoch);
                history = history.withCurrentEpoch(epoch);
            }
            case CLEAR_UPDATING -> store.clearUpdatingEpoch();
        }
    }

    void logEpochStart(long zxid) {
        log.append(zxid, new byte[0]);
        history = history.withLastLoggedZxid(log.lastZxid());
    }

    void synced(SyncKind kind, long zxid) {
        switch (kind) {
            case TRUNC -> log.truncateAfter(zxid);
            case SNAP -> log.restartAt(zxid);
            case DIFF -> { }
        }
        history = history.withLastLoggedZxid(log.lastZxid());
    }

    String describe() {
        String role = !isUp() ? "down" : session == null ? "looking" : session.describe();
        return "n" + sid + "=" + role;
    }
}
