package io.quorum.peer.sim;

import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.view.QuorumView;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws starting histories that ZooKeeper can reach, so that the runs test the protocol rather
 * than states no ensemble could be in: epoch E was the last to be established, so a quorum of
 * voters has currentEpoch E, with last zxids that are prefixes of one another within E, the
 * longest held by E's leader (a voter that may lead: its followers logged only what it sent).
 * Every other server, observers included, lags behind: an older epoch, or E with no more than the
 * quorum's shortest history (an observer learns only what was committed). Some servers accepted
 * an epoch E + 1 that was never established.
 */
final class Histories {
    private Histories() {
    }

    /** Histories in sid order, one per server of the view (voters first, then observers). */
    static List<History> reachable(QuorumView view, int servers, SplittableRandom r) {
        long last = r.nextLong(0, 3);
        long top = last == 0 ? 0 : r.nextLong(0, 4);
        List<Long> quorum = quorum(view, r);
        List<Long> mayLead = quorum.stream().filter(sid -> view.verifier().mayLead(sid)).toList();
        long leaderOfLast = mayLead.get(r.nextInt(mayLead.size()));
        long[] zxids = new long[servers];
        long shortest = Long.MAX_VALUE;
        for (long sid : quorum) {
            long counter = sid == leaderOfLast ? top : r.nextLong(0, top + 1);
            long zxid = last == 0 ? 0 : Zxid.of(last, counter);
            zxids[(int) sid - 1] = zxid;
            shortest = Math.min(shortest, zxid);
        }
        List<History> out = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            long sid = i + 1L;
            boolean inQuorum = quorum.contains(sid);
            long current = inQuorum ? last : r.nextLong(0, last + 1);
            long zxid = inQuorum ? zxids[i] : lagging(current, last, shortest, r);
            long accepted = current < last && r.nextInt(3) == 0 ? last : current + (r.nextInt(4) == 0 ? 1 : 0);
            out.add(new History(current, Math.max(current, accepted), zxid));
        }
        return out;
    }

    /** The votes the histories start elections with. */
    static List<Vote> votes(List<History> histories) {
        List<Vote> votes = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            History h = histories.get(i);
            votes.add(Vote.initial(i + 1L, h.lastLoggedZxid(), h.currentEpoch()));
        }
        return votes;
    }

    private static long lagging(long current, long last, long shortest, SplittableRandom r) {
        if (current == 0) {
            return 0;
        }
        if (current == last) {
            return r.nextLong(Zxid.firstOfEpoch(last), shortest + 1);
        }
        return Zxid.of(current, r.nextLong(0, 4));
    }

    /** A random set of voters that forms a quorum. */
    private static List<Long> quorum(QuorumView view, SplittableRandom r) {
        List<Long> voters = new ArrayList<>(view.votingMembers());
        voters.sort(null);
        for (int i = voters.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            voters.set(i, voters.set(j, voters.get(i)));
        }
        List<Long> quorum = new ArrayList<>();
        for (long sid : voters) {
            if (!view.verifier().containsQuorum(quorum) || r.nextInt(3) == 0) {
                quorum.add(sid);
            }
        }
        return quorum;
    }
}
