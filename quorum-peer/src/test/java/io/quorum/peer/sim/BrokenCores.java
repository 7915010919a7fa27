package io.quorum.peer.sim;

import io.quorum.api.view.QuorumVerifier;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.session.LearnerOutbox;
import io.quorum.peer.session.PacketType;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.SessionTimer;
import io.quorum.peer.session.SessionTimings;
import io.quorum.peer.session.SyncKind;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

/**
 * Session cores broken on purpose, each the real core with one thing changed, so that a test can
 * show an invariant catches what that change breaks.
 */
final class BrokenCores {
    private BrokenCores() {
    }

    /** Learners that acknowledge epochs without writing acceptedEpoch or currentEpoch down. */
    static SessionCores learnersForgettingEpochs() {
        return learners("learners forgetting their epochs", out -> new Passing(out) {
            @Override
            public void persistAcceptedEpoch(long epoch) {
            }

            @Override
            public void persistCurrentEpoch(long epoch) {
            }
        });
    }

    /** Learners that write currentEpoch but never acceptedEpoch. */
    static SessionCores learnersForgettingAcceptedEpoch() {
        return learners("learners forgetting acceptedEpoch", out -> new Passing(out) {
            @Override
            public void persistAcceptedEpoch(long epoch) {
            }
        });
    }

    /** Learners whose ACKEPOCH of a new epoch claims an empty history (currentEpoch 0, zxid 0). */
    static SessionCores learnersUnderReporting() {
        return learners("learners under-reporting their history", out -> new Passing(out) {
            @Override
            public void send(QuorumPacket packet) {
                boolean fresh = packet.is(PacketType.ACKEPOCH) && packet.dataAsInt().orElse(-1) != -1;
                super.send(fresh ? QuorumPacket.withInt(PacketType.ACKEPOCH, 0, 0) : packet);
            }
        });
    }

    /** Learners that never register with their leader: they connect and say nothing. */
    static SessionCores learnersNeverRegistering() {
        return learners("learners never registering", out -> new Passing(out) {
            @Override
            public void send(QuorumPacket packet) {
                if (!packet.is(PacketType.FOLLOWERINFO) && !packet.is(PacketType.OBSERVERINFO)) {
                    super.send(packet);
                }
            }
        });
    }

    /**
     * Learners that make their sync durable before the updatingEpoch marker, the order this
     * repository's learner had until the peer-level simulation found that a crash in between
     * leaves a data directory recovery refuses.
     */
    static SessionCores learnersSyncingBeforeTheMarker() {
        return learners("learners syncing before the updatingEpoch marker", out -> new Passing(out) {
            private boolean markHeld;

            @Override
            public void markUpdatingEpoch() {
                markHeld = true;
            }

            @Override
            public void synced(SyncKind kind, long zxid) {
                super.synced(kind, zxid);
                flush();
            }

            @Override
            public void persistCurrentEpoch(long epoch) {
                flush();
                super.persistCurrentEpoch(epoch);
            }

            private void flush() {
                if (markHeld) {
                    markHeld = false;
                    super.markUpdatingEpoch();
                }
            }
        });
    }

    /** Leaders that count themselves alone as a quorum. */
    static SessionCores leadersAloneAQuorum() {
        SessionCores zab = SessionCores.zab();
        return new SessionCores() {
            @Override
            public LeaderSession leader(long myId, QuorumView view, History history, SessionTimings timings) {
                return zab.leader(myId, new QuorumView(view.servers(), alone(view.verifier(), myId)), history, timings);
            }

            @Override
            public LearnerSession learner(long myId, boolean observer, History history, SessionTimings timings) {
                return zab.learner(myId, observer, history, timings);
            }

            @Override
            public String toString() {
                return "leaders alone a quorum";
            }
        };
    }

    private static QuorumVerifier alone(QuorumVerifier real, long myId) {
        return new QuorumVerifier() {
            @Override
            public Set<Long> votingMembers() {
                return real.votingMembers();
            }

            @Override
            public long weight(long sid) {
                return real.weight(sid);
            }

            @Override
            public boolean containsQuorum(Collection<Long> sids) {
                return sids.contains(myId);
            }
        };
    }

    /** ZooKeeper's cores with every learner's effects passed through {@code filter}. */
    private static SessionCores learners(String name, Function<LearnerOutbox, LearnerOutbox> filter) {
        SessionCores zab = SessionCores.zab();
        return new SessionCores() {
            @Override
            public LeaderSession leader(long myId, QuorumView view, History history, SessionTimings timings) {
                return zab.leader(myId, view, history, timings);
            }

            @Override
            public LearnerSession learner(long myId, boolean observer, History history, SessionTimings timings) {
                LearnerSession real = zab.learner(myId, observer, history, timings);
                return new LearnerSession() {
                    @Override
                    public void connected(long now, LearnerOutbox out) {
                        real.connected(now, filter.apply(out));
                    }

                    @Override
                    public void onBytes(ByteBuffer in, long now, LearnerOutbox out) {
                        real.onBytes(in, now, filter.apply(out));
                    }

                    @Override
                    public void onTimer(SessionTimer key, long now, LearnerOutbox out) {
                        real.onTimer(key, now, filter.apply(out));
                    }

                    @Override
                    public void disconnected(long now, LearnerOutbox out) {
                        real.disconnected(now, filter.apply(out));
                    }
                };
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Passes every effect on; variants override the ones they break. */
    private static class Passing implements LearnerOutbox {
        private final LearnerOutbox out;

        Passing(LearnerOutbox out) {
            this.out = out;
        }

        @Override
        public void send(QuorumPacket packet) {
            out.send(packet);
        }

        @Override
        public void synced(SyncKind kind, long zxid) {
            out.synced(kind, zxid);
        }

        @Override
        public void persistAcceptedEpoch(long epoch) {
            out.persistAcceptedEpoch(epoch);
        }

        @Override
        public void markUpdatingEpoch() {
            out.markUpdatingEpoch();
        }

        @Override
        public void persistCurrentEpoch(long epoch) {
            out.persistCurrentEpoch(epoch);
        }

        @Override
        public void clearUpdatingEpoch() {
            out.clearUpdatingEpoch();
        }

        @Override
        public void setTimer(SessionTimer key, long deadlineNanos) {
            out.setTimer(key, deadlineNanos);
        }

        @Override
        public void established(long epoch) {
            out.established(epoch);
        }

        @Override
        public void lost(String reason) {
            out.lost(reason);
        }

        @Override
        public void trace(String line) {
            out.trace(line);
        }
    }
}
