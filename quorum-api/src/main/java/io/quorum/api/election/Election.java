package io.quorum.api.election;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import java.util.OptionalLong;

/**
 * The blocking face of an election that a quorum peer calls from its main loop. The runtime
 * builds one from a provider's core; it owns the threads and sockets the core must not.
 */
public interface Election extends AutoCloseable {

    /**
     * Runs one round and blocks until it decides.
     *
     * @throws InterruptedException if the calling thread is interrupted
     * @throws IllegalStateException if the election has been shut down
     */
    Decision lookForLeader() throws InterruptedException;

    /**
     * Tells the election what the peer is doing between rounds: the role it took after a
     * session established it, and the vote it stands by (for example with the new peerEpoch after
     * syncing, ZOOKEEPER-1732). Peers answer other peers' votes with it.
     */
    void peerState(ServerState state, Vote currentVote);

    /**
     * Registers who hears of {@link Outbox#voterLooking} reports, on the election's thread; the
     * last registration wins. Elections whose cores never report ignore it.
     */
    default void onVoterLooking(java.util.function.LongConsumer listener) {
    }

    /**
     * Messages this election has handed to its transport so far, every round together; empty if
     * its runtime does not count them. A peer reports the difference over one round.
     */
    default OptionalLong messagesSent() {
        return OptionalLong.empty();
    }

    /** The payload bytes of {@link #messagesSent()} (framing left out); empty if not counted. */
    default OptionalLong bytesSent() {
        return OptionalLong.empty();
    }

    /**
     * Registers who hears of {@link Outbox#lookAgain} requests (with their reasons), on the
     * election's thread; the last registration wins. The peer ends its session when it hears one.
     */
    default void onLookAgain(java.util.function.Consumer<String> listener) {
    }

    /** Stops the election and releases its sockets and threads; a blocked caller is woken. */
    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
