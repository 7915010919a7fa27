package io.quorum.api.view;

import java.util.Collection;
import java.util.Set;

/**
 * Decides which sets of servers form a quorum. Only voting members count: ids outside
 * {@link #votingMembers()} are ignored by every method, so a vote from an observer or an unknown
 * server can never complete a quorum.
 */
public interface QuorumVerifier {

    /** The ids whose acknowledgements count towards a quorum, in ascending order. */
    Set<Long> votingMembers();

    /** The weight of a server's vote: 0 for non-members and for zero-weight members. */
    long weight(long sid);

    /** Whether the given ids (duplicates and non-members ignored) form a quorum. */
    boolean containsQuorum(Collection<Long> sids);

    /**
     * Whether the server may ever be elected leader: a voting member whose vote carries weight.
     * ZooKeeper 3.5+ never elects a zero-weight server.
     */
    default boolean mayLead(long sid) {
        return votingMembers().contains(sid) && weight(sid) > 0;
    }
}
