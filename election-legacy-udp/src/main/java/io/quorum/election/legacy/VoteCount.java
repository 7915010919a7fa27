package io.quorum.election.legacy;

import io.quorum.api.view.QuorumVerifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 3.4.14's {@code countVotes} (PROTOCOL.md section 4 step 3) as a pure function, with two
 * deviations that follow from consulting the quorum verifier, which 3.4.14 never does ("this
 * doesn't use a quorum verifier"):
 *
 * <ul>
 *   <li>A vote for a server that may not lead (a zero-weight voter of a hierarchical view) is not
 *       valid, like a vote for a server not heard from. 3.4.14 could elect such a server.
 *   <li>The winner is the leader whose supporters contain a quorum by the verifier. With a
 *       majority view this is 3.4.14's "largest tally above half the voters"; with a hierarchical
 *       view 3.4.14 still counted heads, which may be no quorum at all.
 * </ul>
 */
final class VoteCount {

    /**
     * The count of one round.
     *
     * @param validVotes how many votes were for servers heard from (that may lead)
     * @param best the greatest valid vote by (zxid, id), the peer's next vote; empty without valid votes
     * @param mostVoted the valid vote with the largest tally (ties to the greater vote); empty without valid votes
     * @param supporters the responders behind {@code mostVoted}
     * @param quorum whether those supporters contain a quorum: the round decides for {@code mostVoted}
     */
    record Result(int validVotes, Optional<Ballot> best, Optional<Ballot> mostVoted, Set<Long> supporters, boolean quorum) {
        Result {
            supporters = Collections.unmodifiableSet(new TreeSet<>(supporters));
        }
    }

    private VoteCount() {
    }

    /**
     * Counts one round's answers.
     *
     * @param votes each responder's answer, by the responder's id
     * @param heardFrom the responders that answered this round (their ids as they sent them)
     */
    static Result count(Map<Long, Ballot> votes, Set<Long> heardFrom, QuorumVerifier verifier) {
        // Only votes for servers heard from (ZOOKEEPER-569), and here only for servers that may lead.
        Map<Long, Ballot> valid = new TreeMap<>();
        Map<Long, Long> maxZxid = new HashMap<>();
        votes.forEach((responder, ballot) -> {
            if (heardFrom.contains(ballot.leader()) && verifier.mayLead(ballot.leader())) {
                valid.put(responder, ballot);
                maxZxid.merge(ballot.leader(), ballot.zxid(), Math::max);
            }
        });
        if (valid.isEmpty()) {
            return new Result(0, Optional.empty(), Optional.empty(), Set.of(), false);
        }
        // Peers may report different zxids for one server depending on timing: every vote for a
        // server takes the largest zxid seen for it, so they tally together.
        Map<Long, Set<Long>> supporters = new TreeMap<>();
        Ballot best = null;
        for (Map.Entry<Long, Ballot> e : valid.entrySet()) {
            Ballot raised = e.getValue().withZxid(maxZxid.get(e.getValue().leader()));
            supporters.computeIfAbsent(raised.leader(), id -> new TreeSet<>()).add(e.getKey());
            if (best == null || Ballot.ORDER.compare(raised, best) > 0) {
                best = raised;
            }
        }
        Ballot mostVoted = null;
        Set<Long> mostSupport = Set.of();
        boolean quorum = false;
        for (Map.Entry<Long, Set<Long>> e : supporters.entrySet()) {
            Ballot candidate = new Ballot(e.getKey(), maxZxid.get(e.getKey()));
            boolean candidateQuorum = verifier.containsQuorum(e.getValue());
            boolean better = mostVoted == null
                    || (candidateQuorum && !quorum)
                    || (candidateQuorum == quorum && (e.getValue().size() > mostSupport.size()
                            || (e.getValue().size() == mostSupport.size() && Ballot.ORDER.compare(candidate, mostVoted) > 0)));
            if (better) {
                mostVoted = candidate;
                mostSupport = e.getValue();
                quorum = candidateQuorum;
            }
        }
        return new Result(valid.size(), Optional.of(best), Optional.of(mostVoted), mostSupport, quorum);
    }
}
