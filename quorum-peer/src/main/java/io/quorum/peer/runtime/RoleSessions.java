package io.quorum.peer.runtime;

import io.quorum.api.LearnerType;
import io.quorum.api.view.QuorumServer;
import java.util.function.LongConsumer;

/**
 * What a peer does after an election: lead, or follow/observe a leader, over ZooKeeper's quorum
 * protocol on the quorum port. Each call blocks for the whole session and returns when it ends
 * (the quorum is lost, the leader goes silent, or {@link #abort()} is called); the peer then
 * goes back to LOOKING.
 */
public interface RoleSessions {

    /**
     * Leads: gathers a quorum of learners into a new epoch.
     *
     * @param established told once with the new epoch when a quorum has synced
     * @return why the session ended
     */
    String lead(PeerHistory history, LongConsumer established) throws InterruptedException;

    /**
     * Follows or observes {@code leader}.
     *
     * @param established told once with the leader's epoch when this peer has synced
     * @return why the session ended
     */
    String learn(QuorumServer leader, LearnerType type, PeerHistory history, LongConsumer established)
            throws InterruptedException;

    /**
     * The election heard voter {@code sid} look for a leader in a newer round while this peer
     * leads (ZOOKEEPER-3109); a leader session that has not established its epoch may give up
     * waiting for it. From any thread; ignored when no leader session runs.
     */
    default void voterLooking(long sid) {
    }

    /** Ends a running session promptly, from any thread; later sessions may still run. */
    void abort();

    /** Releases listeners and threads; no session runs afterwards. */
    void close();
}
