package io.quorum.peer.runtime;

import io.quorum.api.ServerState;
import io.quorum.api.election.Decision;
import java.util.OptionalLong;

/** The peer's role as other threads (operations, tests, embedders) may read it at any time. */
public final class PeerStatusBoard {
    /**
     * @param state the peer's state
     * @param leader the elected leader, when not LOOKING
     * @param epoch the established epoch, once the session synced
     * @param lastElectionMillis how long the last election took, or -1 before the first
     */
    public record Snapshot(long myId, ServerState state, OptionalLong leader, OptionalLong epoch, long lastElectionMillis) {
    }

    private final long myId;
    private volatile Snapshot current;

    PeerStatusBoard(long myId) {
        this.myId = myId;
        this.current = new Snapshot(myId, ServerState.LOOKING, OptionalLong.empty(), OptionalLong.empty(), -1);
    }

    Snapshot snapshot() {
        return current;
    }

    void looking() {
        current = new Snapshot(myId, ServerState.LOOKING, OptionalLong.empty(), OptionalLong.empty(), current.lastElectionMillis());
    }

    void decided(Decision decision, long tookMillis) {
        current = new Snapshot(myId, decision.role(), OptionalLong.of(decision.leader()), OptionalLong.empty(), tookMillis);
    }

    void established(long epoch) {
        Snapshot now = current;
        current = new Snapshot(myId, now.state(), now.leader(), OptionalLong.of(epoch), now.lastElectionMillis());
    }

    void stopped() {
        looking();
    }
}
