package io.quorum.api.election;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import java.util.Objects;

/**
 * The outcome of one election, as this peer sees it.
 *
 * @param vote the winning vote: its leader and the history and epoch that leader brings
 * @param role the state this peer takes: LEADING, FOLLOWING or OBSERVING
 */
public record Decision(Vote vote, ServerState role) {
    public Decision {
        Objects.requireNonNull(vote, "vote is null");
        Objects.requireNonNull(role, "role is null");
        if (role == ServerState.LOOKING) {
            throw new IllegalArgumentException("a decision cannot leave the peer LOOKING");
        }
    }

    public long leader() {
        return vote.leader();
    }
}
