package io.quorum.transport.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.TimerKey;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated peer: its current core (replaced on restart), whether it is up, its open round
 * and last decision, and its pending timers. What survives a crash is the peer layer's business
 * (the stand-in keeps only the initial vote, which stands for the persisted (epoch, zxid) history).
 */
final class SimNode implements NodeView {
    private final long sid;
    private final LearnerType learnerType;
    private final Vote initialVote;
    private final Map<TimerKey, Long> timerTokens = new HashMap<>();
    private ElectionCore core;
    private boolean up;
    private int incarnation;
    private long nextTimerToken;
    private boolean looking;
    private Decision decision;
    private int decisionCount;
    private int restarts;

    SimNode(long sid, LearnerType learnerType, Vote initialVote) {
        this.sid = sid;
        this.learnerType = learnerType;
        this.initialVote = initialVote;
    }

    /** Brings the node up with a fresh core; every timer of an earlier life is forgotten. */
    void boot(ElectionCore newCore) {
        core = newCore;
        up = true;
        if (incarnation > 0) {
            restarts++;
        }
        incarnation++;
        timerTokens.clear();
        looking = false;
        decision = null;
    }

    /** Takes the node down: its core and everything in memory is lost. */
    void crash() {
        core = null;
        up = false;
        timerTokens.clear();
        looking = false;
        decision = null;
    }

    /** Registers a timer setting and returns the token its event must still hold when it fires. */
    long armTimer(TimerKey key) {
        long token = ++nextTimerToken;
        timerTokens.put(key, token);
        return token;
    }

    void cancelTimer(TimerKey key) {
        timerTokens.remove(key);
    }

    /** Whether a timer event is still the live setting of its key; consumes it if so. */
    boolean fireTimer(TimerKey key, long token, int atIncarnation) {
        Long live = timerTokens.get(key);
        if (!up || atIncarnation != incarnation || live == null || live != token) {
            return false;
        }
        timerTokens.remove(key);
        return true;
    }

    void openRound() {
        looking = true;
        decision = null;
    }

    void decided(Decision d) {
        looking = false;
        decision = d;
        decisionCount++;
    }

    ElectionCore core() {
        return core;
    }

    int incarnation() {
        return incarnation;
    }

    @Override
    public long sid() {
        return sid;
    }

    @Override
    public LearnerType learnerType() {
        return learnerType;
    }

    @Override
    public Vote initialVote() {
        return initialVote;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public boolean isLooking() {
        return looking;
    }

    @Override
    public Decision decision() {
        return decision;
    }

    @Override
    public int decisionCount() {
        return decisionCount;
    }

    @Override
    public int restarts() {
        return restarts;
    }
}
