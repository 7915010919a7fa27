package io.quorum.dist.peer;

import io.quorum.api.LearnerType;
import io.quorum.api.view.QuorumServer;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.runtime.RoleSessions;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;

/**
 * Sessions for the peer-loop tests: each one reports the next epoch as established at once and
 * then holds until aborted, standing in for the quorum-port sessions the loop does not own.
 */
final class HoldingSessions implements RoleSessions {
    private volatile CountDownLatch release = new CountDownLatch(1);

    @Override
    public String lead(PeerHistory history, LongConsumer established) throws InterruptedException {
        return hold(history, established);
    }

    @Override
    public String learn(QuorumServer leader, LearnerType type, PeerHistory history, LongConsumer established)
            throws InterruptedException {
        return hold(history, established);
    }

    private String hold(PeerHistory history, LongConsumer established) throws InterruptedException {
        established.accept(history.currentEpoch() + 1);
        release.await();
        release = new CountDownLatch(1);
        return "released by the test";
    }

    @Override
    public void abort() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
    }
}
