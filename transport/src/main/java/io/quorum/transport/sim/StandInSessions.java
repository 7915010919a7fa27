package io.quorum.transport.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The election-level stand-in for ZooKeeper's session layer: peers start every round from the
 * history they were drawn with, and in the liveness phase a follower whose leader is down or not
 * leading, or a leader without a quorum of followers, gives up after a few checks in a row and
 * looks again, as a learner's sync timeout and a leader's quorum check would make it. The liveness
 * goal is every up voter agreeing on one leader that is LEADING.
 */
public final class StandInSessions implements PeerLayer {
    /** How often the liveness phase looks at the peers. */
    private static final long SESSION_CHECK_NANOS = 1_000_000_000L;
    private static final int FOLLOWER_STRIKES = 2;
    private static final int LEADER_STRIKES = 5;

    private SimHost host;
    private int[] strikes;

    @Override
    public void attach(SimHost simHost) {
        this.host = simHost;
        this.strikes = new int[simHost.ensemble().initialVotes().size()];
    }

    @Override
    public Vote initialVote(int index) {
        return host.ensemble().initialVotes().get(index);
    }

    @Override
    public void loseSession(int index) {
        host.lookAgain(index, "lose-leader");
    }

    @Override
    public void livenessBegan(List<Integer> core) {
        host.schedule(host.now() + SESSION_CHECK_NANOS, this::checkSessions);
    }

    @Override
    public Optional<String> converged(SimState state) {
        OptionalLong leader = ElectionInvariants.agreedLeader(state);
        return leader.isPresent() ? Optional.of("leader=" + leader.getAsLong()) : Optional.empty();
    }

    @Override
    public String livenessGoal() {
        return "the connected voters agree on one leader";
    }

    @Override
    public String describePeers(SimState state) {
        return ElectionInvariants.describeDecisions(state);
    }

    private void checkSessions() {
        SimState state = host.state();
        for (int i = 0; i < strikes.length; i++) {
            NodeView node = state.nodes().get(i);
            boolean healthy = !node.isUp() || node.decision() == null || sessionHealthy(state, node);
            strikes[i] = healthy ? 0 : strikes[i] + 1;
            if (!healthy && strikes[i] >= strikesAllowed(node)) {
                strikes[i] = 0;
                host.lookAgain(i, "lose-leader");
            }
        }
        host.schedule(host.now() + SESSION_CHECK_NANOS, this::checkSessions);
    }

    /**
     * A follower gives up after two silent checks (syncLimit); a leader waits for its quorum the way
     * ZooKeeper's leader waits initLimit ticks (here 5 s) before it gives up and looks again.
     */
    private static int strikesAllowed(NodeView node) {
        return node.decision().role() == ServerState.LEADING ? LEADER_STRIKES : FOLLOWER_STRIKES;
    }

    private static boolean sessionHealthy(SimState state, NodeView node) {
        long leader = node.decision().leader();
        List<NodeView> nodes = state.nodes();
        if (node.decision().role() != ServerState.LEADING) {
            if (leader < 1 || leader > nodes.size()) {
                return false;
            }
            NodeView of = nodes.get((int) leader - 1);
            Decision d = of.decision();
            return of.isUp() && d != null && d.role() == ServerState.LEADING;
        }
        List<Long> supporters = new ArrayList<>();
        for (NodeView other : nodes) {
            Decision d = other.decision();
            if (other.isUp() && d != null && d.leader() == leader) {
                supporters.add(other.sid());
            }
        }
        return state.view().verifier().containsQuorum(supporters);
    }
}
