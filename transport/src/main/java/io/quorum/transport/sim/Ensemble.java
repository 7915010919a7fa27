package io.quorum.transport.sim;

import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.MajorityVerifier;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumVerifier;
import io.quorum.api.view.QuorumView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The peers of a run: the view (voters with sids 1..n, then observers) and every peer's initial
 * vote, which stands for the (epoch, zxid) history it persisted. Histories are drawn from a small
 * range on purpose, so ties on epoch and zxid are common and the sid tie-break is exercised.
 *
 * @param view the ensemble every peer is configured with
 * @param initialVotes one per server, in sid order
 */
public record Ensemble(QuorumView view, List<Vote> initialVotes) {

    public Ensemble {
        initialVotes = List.copyOf(initialVotes);
    }

    /** The initial vote of {@code sid}. */
    public Vote initialVote(long sid) {
        return initialVotes.stream().filter(v -> v.leader() == sid).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + sid));
    }

    /**
     * Draws an ensemble of {@code voters} participants and {@code observers} observers; with
     * {@code hierarchical}, voters are put in groups with weights 0 to 2 (each group keeps one
     * voter of weight 1, so a quorum always exists).
     */
    public static Ensemble random(int voters, int observers, boolean hierarchical, SplittableRandom r) {
        List<QuorumServer> servers = new ArrayList<>();
        List<Vote> votes = new ArrayList<>();
        for (long sid = 1; sid <= voters + observers; sid++) {
            PeerAddress quorum = new PeerAddress("n" + sid, 2888);
            PeerAddress election = new PeerAddress("n" + sid, 3888);
            servers.add(sid <= voters ? QuorumServer.participant(sid, quorum, election)
                    : QuorumServer.observer(sid, quorum, election));
            long epoch = r.nextLong(0, 3);
            long zxidEpoch = Math.max(0, epoch - r.nextLong(0, 2));
            votes.add(Vote.initial(sid, Zxid.of(zxidEpoch, r.nextLong(0, 4)), epoch));
        }
        QuorumVerifier verifier = hierarchical ? groups(voters, r) : new MajorityVerifier(voterIds(voters));
        return new Ensemble(new QuorumView(servers, verifier), votes);
    }

    private static List<Long> voterIds(int voters) {
        List<Long> ids = new ArrayList<>();
        for (long sid = 1; sid <= voters; sid++) {
            ids.add(sid);
        }
        return ids;
    }

    private static QuorumVerifier groups(int voters, SplittableRandom r) {
        int groupCount = Math.min(voters, r.nextInt(1, 4));
        Map<Long, List<Long>> groups = new TreeMap<>();
        Map<Long, Long> weights = new TreeMap<>();
        for (long sid = 1; sid <= voters; sid++) {
            long group = (sid - 1) % groupCount;
            boolean first = !groups.containsKey(group);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(sid);
            weights.put(sid, first ? 1L : r.nextLong(0, 3));
        }
        return new HierarchicalVerifier(groups, weights);
    }

    /** The view and the votes as header lines. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("view " + view);
        for (Vote v : initialVotes) {
            long sid = v.leader();
            out.add("peer " + sid + " " + (view.isVoter(sid) ? "voter weight=" + view.verifier().weight(sid) : "observer")
                    + " epoch=" + v.peerEpoch() + " zxid=" + Zxid.toHex(v.zxid()));
        }
        return out;
    }
}
