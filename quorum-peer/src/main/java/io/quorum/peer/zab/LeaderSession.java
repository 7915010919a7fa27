package io.quorum.peer.zab;

import io.quorum.api.Zxid;
import io.quorum.api.election.DecodeResult;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.session.LeaderHandshake;
import io.quorum.peer.session.LeaderOutbox;
import io.quorum.peer.session.LearnerInfo;
import io.quorum.peer.session.PacketType;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.QuorumPacketCodec;
import io.quorum.peer.session.SessionTimings;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.support.PortRange;
import io.quorum.transport.tcp.MemberAddresses;
import io.quorum.transport.tcp.SocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader session on real sockets: listen on the quorum port, hand every learner connection and
 * packet to a {@link LeaderHandshake} on this thread, and carry out its effects.
 */
final class LeaderSession {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderSession.class);
    /** The payload of the record that marks the start of an epoch in the transaction log. */
    private static final byte[] EPOCH_START = "epoch start".getBytes(StandardCharsets.US_ASCII);
    /** Connections beyond the view's size plus this many evict silent ones: a flood cannot exhaust threads. */
    private static final int SPARE_CONNECTIONS = 8;

    private final long myId;
    private final InetSocketAddress bindAddress;
    private final SocketFactory sockets;
    private final Duration handshakeTimeout;
    private final MemberAddresses members;
    private final int maxConnections;
    private final SessionLoop loop = new SessionLoop();
    private final LeaderHandshake core;
    private final Outbox out;
    private final OwnedThreads threads;
    private final QuorumPacketCodec codec = QuorumPacketCodec.standard();
    /** Touched by the acceptor (to count) and the session thread; the session thread owns the buffers. */
    private final Map<Long, PacketConnection> connections = new ConcurrentHashMap<>();
    private final Map<Long, InboundBytes> inbound = new HashMap<>();
    /** Connections that sent at least one whole packet; the others may be evicted under a flood. */
    private final Set<Long> heard = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextConnId = new AtomicLong();
    private volatile ServerSocket listener;

    LeaderSession(long myId, QuorumView view, InetSocketAddress bindAddress, SocketFactory sockets,
            PeerHistory history, SessionTimings timings, LongConsumer established) {
        this.myId = myId;
        this.bindAddress = bindAddress;
        this.sockets = sockets;
        this.handshakeTimeout = Duration.ofNanos(timings.syncTimeout());
        this.members = new MemberAddresses(view);
        this.maxConnections = view.servers().size() + SPARE_CONNECTIONS;
        this.core = new LeaderHandshake(myId, view, history.acceptedEpoch(), history.currentEpoch(),
                history.lastLoggedZxid(), timings);
        this.out = new Outbox(history, established);
        this.threads = new OwnedThreads("quorum-leader-" + myId, Long.toString(myId));
    }

    /** Ends the session promptly, from any thread. */
    void stop(String reason) {
        loop.stop(reason);
        closeListener();
    }

    /** The election heard a voter look in a newer round (ZOOKEEPER-3109); advisory, never blocks. */
    void voterLooking(long sid) {
        loop.offer(() -> core.voterLooking(sid, loop.now(), out));
    }

    /** Runs the session on the calling thread; returns why it ended. */
    String run() throws InterruptedException {
        try {
            try {
                listener = listen();
            } catch (IOException e) {
                // A quorum port is bound only while leading; in the ephemeral range an outgoing
                // connection can hold it then, and the same peer is elected again and again.
                String hint = PortRange.bindHint(bindAddress.getPort(), e);
                LOG.error("cannot listen for learners on {}: {}{}", bindAddress, e.toString(), hint);
                return "cannot listen for learners on " + bindAddress + ": " + e.getMessage() + hint;
            }
            LOG.info("leading: listening for learners on {}", bindAddress);
            threads.start("acceptor", this::accept);
            core.lead(loop.now(), out);
            loop.run(this::over, key -> core.onTimer(key, loop.now(), out));
            return out.ended() ? out.endReason() : loop.stopReason();
        } finally {
            loop.stop("session over");
            closeListener();
            connections.values().forEach(c -> c.close("leader session over"));
            threads.joinAll(5_000);
        }
    }

    private ServerSocket listen() throws IOException {
        ServerSocket socket = sockets.newServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(bindAddress);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private boolean over() {
        return out.ended() || core.isEnded();
    }

    private void accept() {
        ServerSocket server = listener;
        while (!loop.isStopped()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!loop.isStopped()) {
                    LOG.warn("quorum port {} stopped accepting: {}", bindAddress, e.toString());
                    loop.stop("the quorum port stopped accepting: " + e.getMessage());
                }
                return;
            }
            try {
                admit(socket);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void admit(Socket socket) throws InterruptedException {
        if (connections.size() >= maxConnections && !evictSilentConnection()) {
            LOG.warn("refusing learner connection from {}: {} connections open", socket.getRemoteSocketAddress(),
                    connections.size());
            closeQuietly(socket);
            return;
        }
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        long connId = nextConnId.incrementAndGet();
        PacketConnection connection = new PacketConnection(socket, "learner-" + connId,
                accepted -> sockets.secure(accepted, handshakeTimeout));
        connections.put(connId, connection);
        // Queued before the reader starts, so the core hears of the connection before its packets.
        if (!loop.submit(() -> connected(connId))) {
            connection.close("leader session over");
            return;
        }
        connection.start(threads, new PacketConnection.Listener() {
            @Override
            public boolean onBytes(byte[] chunk) throws InterruptedException {
                return loop.submit(() -> received(connId, chunk));
            }

            @Override
            public void onClosed(String reason) throws InterruptedException {
                loop.submit(() -> disconnected(connId, reason));
            }
        });
    }

    /**
     * Closes the oldest connection that has not sent a whole packet, so that idle connections
     * cannot keep a real learner out; returns whether one was closed.
     */
    private boolean evictSilentConnection() {
        Optional<Long> oldest = connections.keySet().stream().filter(id -> !heard.contains(id)).min(Long::compare);
        oldest.ifPresent(id -> {
            PacketConnection silent = connections.remove(id);
            if (silent != null) {
                LOG.warn("closing silent learner connection {} from {} to make room", id, silent.remote());
                silent.close("evicted: silent while connections are at the limit");
            }
        });
        return oldest.isPresent();
    }

    private void connected(long connId) {
        PacketConnection connection = connections.get(connId);
        if (connection != null && !connection.isClosed()) {
            LOG.debug("learner connection {} from {}", connId, connection.remote());
            inbound.put(connId, new InboundBytes());
            core.learnerConnected(connId, loop.now(), out);
        }
    }

    /** Decodes whole packets on the session thread; garbage closes that connection only. */
    private void received(long connId, byte[] chunk) {
        InboundBytes bytes = inbound.get(connId);
        if (bytes == null) {
            return;
        }
        ByteBuffer in = bytes.append(chunk);
        while (inbound.containsKey(connId) && !over()) {
            Optional<DecodeResult<QuorumPacket>> next = codec.decodeNext(in);
            if (next.isEmpty()) {
                return;
            }
            if (next.get() instanceof DecodeResult.Rejected<QuorumPacket> rejected) {
                LOG.warn("closing learner connection {}: bad packet: {}", connId, rejected.reason());
                closeConnection(connId, "bad packet: " + rejected.reason());
                core.learnerDisconnected(connId, loop.now(), out);
                return;
            }
            QuorumPacket packet = next.get().toOptional().orElseThrow();
            Optional<String> impostor = impostor(connId, packet);
            if (impostor.isPresent()) {
                LOG.warn("closing learner connection {}: {}", connId, impostor.get());
                closeConnection(connId, impostor.get());
                core.learnerDisconnected(connId, loop.now(), out);
                return;
            }
            heard.add(connId);
            core.onPacket(connId, packet, loop.now(), out);
        }
    }

    /**
     * A learner may announce only a sid whose server line names the address it connects from:
     * otherwise anyone reaching the quorum port could ack epochs as a voter (as on the election
     * port, CVE-2018-8012). The handshake core checks the sid against the view.
     */
    private Optional<String> impostor(long connId, QuorumPacket packet) {
        if (!packet.is(PacketType.FOLLOWERINFO) && !packet.is(PacketType.OBSERVERINFO)) {
            return Optional.empty();
        }
        PacketConnection connection = connections.get(connId);
        if (connection == null || !(LearnerInfo.decode(packet.data()) instanceof DecodeResult.Decoded<LearnerInfo> info)) {
            return Optional.empty();
        }
        return members.refusal(info.message().sid(), connection.remoteAddress());
    }

    private void disconnected(long connId, String reason) {
        if (inbound.containsKey(connId)) {
            LOG.debug("learner connection {} closed: {}", connId, reason);
            closeConnection(connId, reason);
            core.learnerDisconnected(connId, loop.now(), out);
        }
    }

    private void closeConnection(long connId, String reason) {
        inbound.remove(connId);
        heard.remove(connId);
        PacketConnection connection = connections.remove(connId);
        if (connection != null) {
            connection.close(reason);
        }
    }

    private void closeListener() {
        ServerSocket server = listener;
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // The acceptor ends on the closed socket either way.
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Refused anyway.
        }
    }

    /** The leader's effects on its learner connections and the peer's history. */
    private final class Outbox extends DriverOutbox implements LeaderOutbox {
        Outbox(PeerHistory history, LongConsumer established) {
            super(history, LeaderSession.this.loop, established, LOG);
        }

        @Override
        public void send(long connId, QuorumPacket packet) {
            sendRaw(connId, QuorumPacketCodec.encode(packet));
        }

        @Override
        public void sendRaw(long connId, byte[] bytes) {
            PacketConnection connection = connections.get(connId);
            if (!ended() && connection != null) {
                connection.send(bytes);
            }
        }

        @Override
        public void close(long connId, String reason) {
            if (!ended()) {
                closeConnection(connId, reason);
            }
        }

        @Override
        public void logEpochStart(long zxid) {
            persist("the start of epoch " + Zxid.epochOf(zxid) + " in the transaction log",
                    () -> history.append(zxid, EPOCH_START));
        }
    }
}
