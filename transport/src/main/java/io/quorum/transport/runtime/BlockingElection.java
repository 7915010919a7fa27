package io.quorum.transport.runtime;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking {@link Election} a quorum peer calls: each {@link #lookForLeader()} opens a round
 * on the loop thread and waits for the core's decision. Shutting down wakes a waiting caller.
 */
public final class BlockingElection implements Election {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingElection.class);
    /** Put in the queue to wake a caller when the election shuts down; compared by identity. */
    private static final Decision SHUT_DOWN = new Decision(new Vote(-1, -1, -1, -1, ServerState.LEADING, 0), ServerState.LEADING);

    private final ElectionLoop loop;
    private final AutoCloseable transport;
    private final BlockingQueue<Decision> decisions;
    private final AtomicBoolean shutdown = new AtomicBoolean();

    BlockingElection(ElectionLoop loop, AutoCloseable transport, BlockingQueue<Decision> decisions) {
        this.loop = loop;
        this.transport = transport;
        this.decisions = decisions;
    }

    /** A queue the loop's decisions go into, to hand to both the loop and this election. */
    static BlockingQueue<Decision> decisionQueue() {
        return new LinkedBlockingQueue<>();
    }

    @Override
    public Decision lookForLeader() throws InterruptedException {
        requireRunning();
        decisions.clear();
        loop.submit(new LoopInput.Start());
        Decision decision = decisions.take();
        if (decision == SHUT_DOWN) {
            decisions.offer(SHUT_DOWN);
            throw new IllegalStateException("the election was shut down while looking for a leader");
        }
        return decision;
    }

    @Override
    public void peerState(ServerState state, Vote currentVote) {
        requireRunning();
        loop.submit(new LoopInput.PeerState(state, currentVote));
    }

    @Override
    public void onVoterLooking(java.util.function.LongConsumer listener) {
        loop.onVoterLooking(listener);
    }

    @Override
    public OptionalLong messagesSent() {
        return OptionalLong.of(loop.sentMessages());
    }

    @Override
    public OptionalLong bytesSent() {
        return OptionalLong.of(loop.sentBytes());
    }

    @Override
    public void onLookAgain(java.util.function.Consumer<String> listener) {
        loop.onLookAgain(listener);
    }

    @Override
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) {
            return;
        }
        loop.close();
        try {
            transport.close();
        } catch (Exception e) {
            LOG.warn("closing the election transport failed", e);
        }
        decisions.offer(SHUT_DOWN);
    }

    private void requireRunning() {
        if (shutdown.get()) {
            throw new IllegalStateException("the election was shut down");
        }
    }
}
