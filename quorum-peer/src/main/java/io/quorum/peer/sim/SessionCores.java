package io.quorum.peer.sim;

import io.quorum.api.view.QuorumView;
import io.quorum.peer.session.LeaderHandshake;
import io.quorum.peer.session.LeaderOutbox;
import io.quorum.peer.session.LearnerHandshake;
import io.quorum.peer.session.LearnerOutbox;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.SessionTimer;
import io.quorum.peer.session.SessionTimings;
import java.nio.ByteBuffer;

/**
 * Makes the session cores the simulated peers run: ZooKeeper's handshake cores by default
 * ({@link #zab()}); tests pass variants (a core wrapped so that it forgets a write, say) to show
 * that the invariants catch what such a variant breaks.
 */
public interface SessionCores {

    /** The leader's side of the sessions, as {@link LeaderHandshake} offers it. */
    interface LeaderSession {
        void lead(long now, LeaderOutbox out);

        void learnerConnected(long connId, long now, LeaderOutbox out);

        void learnerDisconnected(long connId, long now, LeaderOutbox out);

        void onPacket(long connId, QuorumPacket packet, long now, LeaderOutbox out);

        void onTimer(SessionTimer key, long now, LeaderOutbox out);
    }

    /** The learner's side of a session, as {@link LearnerHandshake} offers it. */
    interface LearnerSession {
        void connected(long now, LearnerOutbox out);

        void onBytes(ByteBuffer in, long now, LearnerOutbox out);

        void onTimer(SessionTimer key, long now, LearnerOutbox out);

        void disconnected(long now, LearnerOutbox out);
    }

    /** A leader with this peer's durable state when it won the election. */
    LeaderSession leader(long myId, QuorumView view, History history, SessionTimings timings);

    /** A learner (follower or observer) with this peer's durable state when the session starts. */
    LearnerSession learner(long myId, boolean observer, History history, SessionTimings timings);

    /** ZooKeeper's handshake: {@link LeaderHandshake} and {@link LearnerHandshake}. */
    static SessionCores zab() {
        return new SessionCores() {
            @Override
            public LeaderSession leader(long myId, QuorumView view, History history, SessionTimings timings) {
                LeaderHandshake core = new LeaderHandshake(myId, view, history.acceptedEpoch(), history.currentEpoch(),
                        history.lastLoggedZxid(), timings);
                return new LeaderSession() {
                    @Override
                    public void lead(long now, LeaderOutbox out) {
                        core.lead(now, out);
                    }

                    @Override
                    public void learnerConnected(long connId, long now, LeaderOutbox out) {
                        core.learnerConnected(connId, now, out);
                    }

                    @Override
                    public void learnerDisconnected(long connId, long now, LeaderOutbox out) {
                        core.learnerDisconnected(connId, now, out);
                    }

                    @Override
                    public void onPacket(long connId, QuorumPacket packet, long now, LeaderOutbox out) {
                        core.onPacket(connId, packet, now, out);
                    }

                    @Override
                    public void onTimer(SessionTimer key, long now, LeaderOutbox out) {
                        core.onTimer(key, now, out);
                    }
                };
            }

            @Override
            public LearnerSession learner(long myId, boolean observer, History history, SessionTimings timings) {
                LearnerHandshake core = new LearnerHandshake(myId, observer, history.acceptedEpoch(),
                        history.currentEpoch(), history.lastLoggedZxid(), timings);
                return new LearnerSession() {
                    @Override
                    public void connected(long now, LearnerOutbox out) {
                        core.connected(now, out);
                    }

                    @Override
                    public void onBytes(ByteBuffer in, long now, LearnerOutbox out) {
                        core.onBytes(in, now, out);
                    }

                    @Override
                    public void onTimer(SessionTimer key, long now, LearnerOutbox out) {
                        core.onTimer(key, now, out);
                    }

                    @Override
                    public void disconnected(long now, LearnerOutbox out) {
                        core.disconnected(now, out);
                    }
                };
            }

            @Override
            public String toString() {
                return "zab";
            }
        };
    }
}
