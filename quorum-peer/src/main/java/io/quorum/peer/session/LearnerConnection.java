package io.quorum.peer.session;

/** The leader's view of one learner connection, for {@link LeaderHandshake}. */
final class LearnerConnection {
    /** How far this learner got; the order is the order of section 6.3. */
    enum Stage { CONNECTED, REGISTERED, EPOCH_SENT, EPOCH_ACKED, NEWLEADER_SENT, NEWLEADER_ACKED, UPTODATE_SENT, BROADCAST }

    final long connId;
    long sid = -1;
    boolean voter;
    long acceptedEpoch;
    long lastZxid;
    long lastHeard;
    Stage stage = Stage.CONNECTED;

    LearnerConnection(long connId, long now) {
        this.connId = connId;
        this.lastHeard = now;
    }

    boolean reached(Stage other) {
        return stage.compareTo(other) >= 0;
    }

    /** Established learners are held to syncLimit, the others to initLimit (section 6.3). */
    long silenceLimit(SessionTimings timings) {
        return stage == Stage.BROADCAST ? timings.syncTimeout() : timings.initTimeout();
    }

    @Override
    public String toString() {
        return "learner " + (sid < 0 ? "?" : sid) + " (conn " + connId + ", " + stage + ")";
    }
}
