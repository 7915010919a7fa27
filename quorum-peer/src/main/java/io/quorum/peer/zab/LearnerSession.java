package io.quorum.peer.zab;

import io.quorum.api.view.PeerAddress;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.session.LearnerHandshake;
import io.quorum.peer.session.LearnerOutbox;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.QuorumPacketCodec;
import io.quorum.peer.session.SessionTimings;
import io.quorum.peer.session.SyncKind;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.tcp.SocketFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One follower or observer session on real sockets: connect to the leader's quorum port, then run
 * a {@link LearnerHandshake} on this thread with the bytes the reader thread receives.
 */
final class LearnerSession {
    private static final Logger LOG = LoggerFactory.getLogger(LearnerSession.class);
    /**
     * Pause between connection attempts while the leader is most likely still opening its port
     * (it decides at about the time we do): a refused connect costs tens of microseconds, so
     * waiting longer only delays the new epoch. ZooKeeper sleeps 100 ms (3.9.5) or a second (3.4).
     */
    private static final long QUICK_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long QUICK_RETRY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** After the quick window, pauses double up to this cap. */
    private static final long MAX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long myId;
    private final PeerAddress leader;
    private final SocketFactory sockets;
    private final long leaderId;
    private final SessionTimings timings;
    private final SessionLoop loop = new SessionLoop();
    private final LearnerHandshake core;
    private final Outbox out;
    private final OwnedThreads threads;
    private final InboundBytes inbound = new InboundBytes();
    private volatile Socket connecting;
    private boolean notLeading;
    private PacketConnection connection;

    LearnerSession(long myId, long leaderId, PeerAddress leader, SocketFactory sockets, boolean observer,
            PeerHistory history, SessionTimings timings, LongConsumer established) {
        this.myId = myId;
        this.leaderId = leaderId;
        this.leader = leader;
        this.sockets = sockets;
        this.timings = timings;
        this.core = new LearnerHandshake(myId, observer, history.acceptedEpoch(), history.currentEpoch(),
                history.lastLoggedZxid(), timings);
        this.out = new Outbox(history, established);
        this.threads = new OwnedThreads("quorum-learner-" + myId, Long.toString(myId));
    }

    /** Ends the session promptly, from any thread. */
    void stop(String reason) {
        loop.stop(reason);
        Socket pending = connecting;
        if (pending != null) {
            closeQuietly(pending);
        }
    }

    /** Runs the session on the calling thread; returns why it ended. */
    String run() throws InterruptedException {
        try {
            Socket socket = connect();
            if (socket == null) {
                return loop.isStopped() ? loop.stopReason() : "could not connect to leader " + leaderId + " at " + leader
                        + (notLeading ? ": it refuses connections, so it is not leading" : "");
            }
            connection = new PacketConnection(socket, "leader-" + leaderId);
            LOG.info("connected to leader {} at {}", leaderId, leader);
            core.connected(loop.now(), out);
            connection.start(threads, new PacketConnection.Listener() {
                @Override
                public boolean onBytes(byte[] chunk) throws InterruptedException {
                    return loop.submit(() -> received(chunk));
                }

                @Override
                public void onClosed(String reason) throws InterruptedException {
                    loop.submit(() -> core.disconnected(loop.now(), out));
                }
            });
            loop.run(this::over, key -> core.onTimer(key, loop.now(), out));
            return out.ended() ? out.endReason() : loop.stopReason();
        } finally {
            loop.stop("session over");
            if (connection != null) {
                connection.close("session over");
            }
            threads.joinAll(5_000);
        }
    }

    private boolean over() {
        return out.ended() || core.isEnded();
    }

    private void received(byte[] chunk) {
        core.onBytes(inbound.append(chunk), loop.now(), out);
    }

    /**
     * Connects with quick retries until initLimit ticks have passed: the leader opens its port
     * only once it has decided, which may be a little after us. Deviation: ZooKeeper keeps trying
     * for all of initLimit; here a port that has refused every attempt for
     * {@link SessionTimings#refusedTimeout()} ends the session sooner, since its peer is not leading.
     */
    private Socket connect() throws InterruptedException {
        long deadline = loop.now() + timings.initTimeout();
        long quickUntil = loop.now() + QUICK_RETRY_WINDOW_NANOS;
        long pause = QUICK_RETRY_NANOS;
        long refusedSince = -1;
        String lastProblem = "no attempt";
        while (!loop.isStopped() && loop.now() - deadline < 0) {
            Socket socket = null;
            try {
                socket = sockets.newSocket();
                connecting = socket;
                socket.setTcpNoDelay(true);
                int timeoutMillis = (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - loop.now()),
                        TimeUnit.NANOSECONDS.toMillis(timings.syncTimeout())));
                sockets.connect(socket, new InetSocketAddress(leader.host(), leader.port()), timeoutMillis);
                // With TLS: the leader proves who it is before we send it anything.
                sockets.secure(socket, Duration.ofMillis(timeoutMillis));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                lastProblem = e.getMessage();
                if (!(e instanceof ConnectException)) {
                    refusedSince = -1;
                } else if (refusedSince < 0) {
                    refusedSince = loop.now();
                } else if (loop.now() - refusedSince >= timings.refusedTimeout()) {
                    notLeading = true;
                    LOG.warn("leader {} at {} refused every connection for {} ms: it is not leading", leaderId, leader,
                            TimeUnit.NANOSECONDS.toMillis(loop.now() - refusedSince));
                    return null;
                }
            } finally {
                connecting = null;
            }
            loop.pause(pause);
            if (loop.now() - quickUntil >= 0) {
                pause = Math.min(pause * 2, MAX_RETRY_NANOS);
            }
        }
        LOG.warn("could not connect to leader {} at {} within initLimit: {}", leaderId, leader, lastProblem);
        return null;
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the attempt is abandoned.
        }
    }

    /** The learner's effects on the real connection and the peer's history. */
    private final class Outbox extends DriverOutbox implements LearnerOutbox {
        Outbox(PeerHistory history, LongConsumer established) {
            super(history, LearnerSession.this.loop, established, LOG);
        }

        @Override
        public void send(QuorumPacket packet) {
            if (!ended()) {
                connection.send(QuorumPacketCodec.encode(packet));
            }
        }

        /** Called by the core inside the updatingEpoch window, at NEWLEADER (section 6.3 step 7). */
        @Override
        public void synced(SyncKind kind, long zxid) {
            if (kind == SyncKind.TRUNC) {
                persist("the truncation of the log after " + zxid, () -> history.truncateAfter(zxid));
            } else if (kind == SyncKind.SNAP) {
                persist("the snapshot at " + zxid, () -> history.adoptSnapshot(zxid));
            }
        }
    }
}
