package io.quorum.peer.warmup;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.FileEpochStore;
import io.quorum.peer.persist.FileTxnLog;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.session.SessionTimings;
import io.quorum.peer.zab.ZabSessions;
import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.support.OwnedThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one throw-away leader and learner session over loopback, with their own epoch files in a
 * temporary directory, when the peer starts. The first session a JVM runs executes cold code
 * (class loading and linking, the interpreter): measured on a peer that becomes leader for the
 * first time at a failover, that cost tens of milliseconds on the path between the election and
 * the new epoch. Paid here, it is paid while nothing waits for it. Failure only costs the gain.
 * It binds only an ephemeral loopback port and a temporary directory, so it may run beside the
 * peer's own election.
 */
final class SessionWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWarmup.class);
    private static final SessionTimings TIMINGS = SessionTimings.ofMillis(100, 10, 10);
    private static final long BOUND_MILLIS = 2_000;

    private SessionWarmup() {
    }

    /** Runs the sessions, within a bound of two seconds; never throws. */
    static void run(long myId) {
        long started = SystemTicker.INSTANCE.nanoTime();
        Path dir = null;
        try (Rehearsal marked = Rehearsal.mark()) {
            dir = Files.createTempDirectory("quorum-warmup-");
            runIn(dir, myId);
            LOG.debug("session warm-up took {} ms", (SystemTicker.INSTANCE.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.debug("session warm-up skipped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void runIn(Path dir, long myId) throws IOException, InterruptedException {
        int port = freeLoopbackPort();
        PeerAddress leaderAddress = new PeerAddress(InetAddress.getLoopbackAddress().getHostAddress(), port);
        QuorumServer leader = QuorumServer.participant(2, leaderAddress, leaderAddress);
        QuorumServer learner = QuorumServer.participant(1, leaderAddress, leaderAddress);
        QuorumView view = QuorumView.majority(List.of(learner, leader));
        OwnedThreads threads = new OwnedThreads("quorum-warmup-" + myId, Long.toString(myId));
        ZabSessions leading = new ZabSessions(2, view, new InetSocketAddress(leaderAddress.host(), port), TIMINGS);
        ZabSessions learning = new ZabSessions(1, view, new InetSocketAddress(leaderAddress.host(), port), TIMINGS);
        try (FileTxnLog leaderLog = FileTxnLog.open(dir.resolve("2")); FileTxnLog learnerLog = FileTxnLog.open(dir.resolve("1"))) {
            PeerHistory leaderHistory = history(dir.resolve("2"), leaderLog);
            PeerHistory learnerHistory = history(dir.resolve("1"), learnerLog);
            CountDownLatch bothEstablished = new CountDownLatch(2);
            threads.start("leader", () -> {
                try {
                    leading.lead(leaderHistory, epoch -> bothEstablished.countDown());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.start("learner", () -> {
                try {
                    learning.learn(leader, LearnerType.PARTICIPANT, learnerHistory, epoch -> bothEstablished.countDown());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            bothEstablished.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            learning.close();
            leading.close();
            threads.joinAll(BOUND_MILLIS);
        }
    }

    private static PeerHistory history(Path dataDir, FileTxnLog log) throws IOException {
        FileEpochStore epochs = FileEpochStore.open(dataDir);
        return new PeerHistory(epochs, log, DataDirRecovery.recover(epochs, log));
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete warm-up directory {}: {}", dir, e.toString());
        }
    }
}
