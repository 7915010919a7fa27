package io.quorum.transport.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.election.Decision;
import io.quorum.api.view.QuorumView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The election-level invariants every provider must keep. */
public final class ElectionInvariants {
    private ElectionInvariants() {
    }

    /** All of them, in the order they are checked. */
    public static List<Invariant> all() {
        return List.of(leaderIsWeightedVoter(), rolesMatchLearnerType(), expectedLeaderWithoutFaults(),
                livenessAfterHealing());
    }

    /**
     * Every decided leader is a voting member that may lead (non-zero weight), so no peer decides
     * on a vote from outside the voting view; a peer LEADING leads itself.
     */
    public static Invariant leaderIsWeightedVoter() {
        return Invariant.afterEachStep("leader-is-weighted-voter", state -> {
            for (NodeView node : state.nodes()) {
                Decision d = node.decision();
                if (d == null) {
                    continue;
                }
                if (!state.view().verifier().mayLead(d.leader())) {
                    return Optional.of("n" + node.sid() + " decided leader " + d.leader()
                            + ", which is not a voting member with weight");
                }
                if (d.role() == ServerState.LEADING && d.leader() != node.sid()) {
                    return Optional.of("n" + node.sid() + " is LEADING under leader " + d.leader());
                }
            }
            return Optional.empty();
        });
    }

    /** Observers decide OBSERVING (never LEADING or FOLLOWING); voters never decide OBSERVING. */
    public static Invariant rolesMatchLearnerType() {
        return Invariant.afterEachStep("roles-match-learner-type", state -> {
            for (NodeView node : state.nodes()) {
                Decision d = node.decision();
                if (d == null) {
                    continue;
                }
                boolean observer = node.learnerType() == LearnerType.OBSERVER;
                if (observer != (d.role() == ServerState.OBSERVING)) {
                    return Optional.of("n" + node.sid() + " is " + node.learnerType() + " but decided " + d.role());
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Without faults, every decision names the leader the algorithm's own order expects. After a
     * scripted failover the expected leader is the best survivor; a peer that has not yet noticed
     * the crash still names the crashed leader, which is no breach.
     */
    public static Invariant expectedLeaderWithoutFaults() {
        return Invariant.afterEachStep("expected-leader-without-faults", state -> {
            if (state.schedule() != FaultSchedule.NONE || state.expectedLeader() == SimState.NO_EXPECTED_LEADER) {
                return Optional.empty();
            }
            for (NodeView node : state.nodes()) {
                Decision d = node.decision();
                if (d != null && d.leader() != state.expectedLeader() && isUp(state, d.leader())) {
                    return Optional.of("n" + node.sid() + " decided " + d.leader() + " on a fault-free run; expected "
                            + state.expectedLeader());
                }
            }
            return Optional.empty();
        });
    }

    /**
     * After healing, the peer layer's liveness goal is met by the deadline: for the election-level
     * stand-in, the connected voters have converged on one leader.
     */
    public static Invariant livenessAfterHealing() {
        return new Invariant() {
            @Override
            public String name() {
                return "liveness-after-healing";
            }

            @Override
            public Optional<String> atEnd(SimState state) {
                if (state.phase() != SimPhase.LIVENESS || state.converged().isPresent()) {
                    return Optional.empty();
                }
                return Optional.of("not reached by " + SimClock.format(state.livenessDeadlineNanos()) + ": "
                        + state.livenessGoal() + "; " + state.describePeers());
            }
        };
    }

    private static boolean isUp(SimState state, long sid) {
        return sid < 1 || sid > state.nodes().size() || state.nodes().get((int) sid - 1).isUp();
    }

    /**
     * The leader every up voter has decided, if they all have decided the same one and that
     * leader is up and LEADING; empty otherwise.
     */
    public static OptionalLong agreedLeader(SimState state) {
        long leader = -1;
        for (NodeView node : state.nodes()) {
            if (!node.isUp() || node.learnerType() != LearnerType.PARTICIPANT) {
                continue;
            }
            Decision d = node.decision();
            if (d == null || (leader != -1 && d.leader() != leader)) {
                return OptionalLong.empty();
            }
            leader = d.leader();
        }
        if (leader < 1 || leader > state.nodes().size()) {
            return OptionalLong.empty();
        }
        NodeView chosen = state.nodes().get((int) leader - 1);
        Decision own = chosen.decision();
        boolean leads = chosen.isUp() && own != null && own.role() == ServerState.LEADING;
        return leads ? OptionalLong.of(leader) : OptionalLong.empty();
    }

    static String describeDecisions(SimState state) {
        StringBuilder sb = new StringBuilder();
        for (NodeView node : state.nodes()) {
            Decision d = node.decision();
            sb.append(" n").append(node.sid()).append('=')
                    .append(!node.isUp() ? "down" : d == null ? "looking" : d.role() + "(" + d.leader() + ")");
        }
        return sb.toString().trim();
    }

    /** Whether {@code sid} is a voter of {@code view} that may lead; exposed for peer-level invariants. */
    public static boolean mayLead(QuorumView view, long sid) {
        return view.verifier().mayLead(sid);
    }
}
