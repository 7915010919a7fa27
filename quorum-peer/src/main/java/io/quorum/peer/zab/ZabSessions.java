package io.quorum.peer.zab;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.runtime.RoleSessions;
import io.quorum.peer.session.SessionTimings;
import io.quorum.transport.tcp.SocketFactory;
import java.net.InetSocketAddress;
import java.util.function.LongConsumer;

/**
 * The sessions after an election over ZooKeeper's quorum protocol on real sockets: the leader
 * listens on its quorum port (the wildcard address with {@code quorumListenOnAllIPs}), learners
 * connect to the leader's. One session runs at a time, on the peer's thread.
 */
public final class ZabSessions implements RoleSessions {
    private final long myId;
    private final QuorumView view;
    private final InetSocketAddress leaderBindAddress;
    private final SocketFactory sockets;
    private final SessionTimings timings;
    private volatile boolean closed;
    private volatile Runnable abortCurrent;
    private volatile LongConsumer voterLookingCurrent;

    /** Sessions over plain TCP. */
    public ZabSessions(long myId, QuorumView view, InetSocketAddress leaderBindAddress, SessionTimings timings) {
        this(myId, view, leaderBindAddress, SocketFactory.plain(), timings);
    }

    /**
     * @param sockets how quorum-port sockets are made: plain, or mutual TLS ({@code sslQuorum})
     */
    public ZabSessions(long myId, QuorumView view, InetSocketAddress leaderBindAddress, SocketFactory sockets,
            SessionTimings timings) {
        this.myId = myId;
        this.view = view;
        this.leaderBindAddress = leaderBindAddress;
        this.sockets = sockets;
        this.timings = timings;
    }

    /** The sessions a zoo.cfg describes. A lone server's zero limits become one tick. */
    public static ZabSessions fromConfig(QuorumPeerConfig config) {
        PeerAddress quorum = config.myServer().quorumAddress();
        InetSocketAddress bind = config.quorumListenOnAllIPs()
                ? new InetSocketAddress(quorum.port())
                : new InetSocketAddress(quorum.host(), quorum.port());
        SessionTimings timings = SessionTimings.ofMillis(config.tickTime(), Math.max(1, config.initLimit()),
                Math.max(1, config.syncLimit()));
        SocketFactory sockets = config.quorumTls().<SocketFactory>map(tls -> tls).orElse(SocketFactory.plain());
        return new ZabSessions(config.myId(), config.view(), bind, sockets, timings);
    }

    @Override
    public String lead(PeerHistory history, LongConsumer established) throws InterruptedException {
        LeaderSession session = new LeaderSession(myId, view, leaderBindAddress, sockets, history, timings, established);
        voterLookingCurrent = session::voterLooking;
        try {
            return runExclusively(session::stop, session::run);
        } finally {
            voterLookingCurrent = null;
        }
    }

    @Override
    public String learn(QuorumServer leader, LearnerType type, PeerHistory history, LongConsumer established)
            throws InterruptedException {
        LearnerSession session = new LearnerSession(myId, leader.id(), leader.quorumAddress(), sockets,
                type == LearnerType.OBSERVER, history, timings, established);
        return runExclusively(session::stop, session::run);
    }

    private interface SessionRun {
        String run() throws InterruptedException;
    }

    private interface Stopper {
        void stop(String reason);
    }

    /** Publishes how to stop the session before running it, so abort and close always reach it. */
    private String runExclusively(Stopper stopper, SessionRun run) throws InterruptedException {
        abortCurrent = () -> stopper.stop("aborted");
        try {
            if (closed) {
                stopper.stop("sessions closed");
            }
            return run.run();
        } finally {
            abortCurrent = null;
        }
    }

    @Override
    public void voterLooking(long sid) {
        LongConsumer leading = voterLookingCurrent;
        if (leading != null) {
            leading.accept(sid);
        }
    }

    @Override
    public void abort() {
        Runnable abort = abortCurrent;
        if (abort != null) {
            abort.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        abort();
    }
}
