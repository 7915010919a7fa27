package io.quorum.api.view;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** ZooKeeper's default: a quorum is more than half of the voting members. */
public final class MajorityVerifier implements QuorumVerifier {
    private final Set<Long> voters;

    public MajorityVerifier(Collection<Long> voters) {
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a majority quorum needs at least one voter");
        }
        // Sorted, so iteration order is the same in every JVM: simulations must replay by seed.
        this.voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
    }

    @Override
    public Set<Long> votingMembers() {
        return voters;
    }

    @Override
    public long weight(long sid) {
        return voters.contains(sid) ? 1 : 0;
    }

    @Override
    public boolean containsQuorum(Collection<Long> sids) {
        Set<Long> counted = new HashSet<>(sids);
        counted.retainAll(voters);
        return 2L * counted.size() > voters.size();
    }

    @Override
    public String toString() {
        return "majority of " + voters.size() + " voters";
    }
}
