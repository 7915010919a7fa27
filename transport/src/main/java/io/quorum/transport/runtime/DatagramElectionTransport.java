package io.quorum.transport.runtime;

import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.udp.Datagram;
import io.quorum.transport.udp.DatagramEndpoint;
import io.quorum.transport.udp.PeerDatagramChannels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects an election loop to UDP sockets (electionAlg 0, 1 and 2): one {@link DatagramEndpoint}
 * per endpoint the provider lists, and one pump thread per socket moving datagrams into the loop.
 * The sockets stay open as long as the election, across rounds, so a responder keeps answering
 * while its peer leads or follows. (ZooKeeper 3.4.14 opens a fresh requester socket for every
 * lookForLeader call; one for the election's life is indistinguishable on the wire, since the
 * responder answers whatever address asked.)
 *
 * <p>Routing ({@link Endpoint}): a send to a peer goes to that peer's address for the endpoint
 * (its quorum port for {@link Endpoint#QUORUM_UDP}, its election port for
 * {@link Endpoint#ELECTION_UDP}) from the local socket {@link Endpoint#sentFrom} picks; a reply
 * goes from the socket its message arrived on back to the address it came from. A datagram's
 * sender is named by matching its source address against the view's quorum and election
 * addresses; a requester's ephemeral port matches none, so requests come from
 * {@link Source#UNKNOWN_SID}.
 *
 * <p>The ephemeral socket (alg 0's requester) sends to each peer on a channel connected to that
 * peer and sharing its port ({@link PeerDatagramChannels}), so a request to a peer whose quorum
 * port has nothing listening comes back refused, and the core hears
 * {@link io.quorum.api.election.ElectionCore#onUnreachable} at once instead of waiting out its
 * timeout. Where the port cannot be shared, requests go out on the socket itself, as before.
 */
final class DatagramElectionTransport implements MessageSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramElectionTransport.class);
    private static final long POLL_MILLIS = 200;
    private static final long JOIN_MILLIS = 5_000;

    private final long myId;
    private final QuorumView view;
    private final Set<Endpoint> opened;
    private final Map<Endpoint, DatagramEndpoint> sockets;
    private final Map<InetSocketAddress, Long> sidsByAddress;
    private final Map<Long, InetSocketAddress> quorumAddresses = new HashMap<>();
    private final Map<Long, InetSocketAddress> electionAddresses = new HashMap<>();
    private final OwnedThreads threads;
    private volatile ElectionLoop loop;
    private volatile PeerDatagramChannels requesterChannels;
    private volatile boolean running = true;

    private DatagramElectionTransport(long myId, QuorumView view, Map<Endpoint, DatagramEndpoint> sockets) {
        this.myId = myId;
        this.view = view;
        this.sockets = sockets;
        this.opened = Set.copyOf(sockets.keySet());
        this.threads = new OwnedThreads("quorum-election-" + myId, Long.toString(myId));
        Map<InetSocketAddress, Long> byAddress = new HashMap<>();
        for (QuorumServer server : view.servers()) {
            InetSocketAddress quorum = server.quorumAddress().toSocketAddress();
            quorumAddresses.put(server.id(), quorum);
            byAddress.putIfAbsent(quorum, server.id());
            server.electionAddress().map(PeerAddress::toSocketAddress).ifPresent(election -> {
                electionAddresses.put(server.id(), election);
                byAddress.putIfAbsent(election, server.id());
            });
        }
        this.sidsByAddress = Map.copyOf(byAddress);
    }

    /**
     * Binds a socket for every endpoint: the quorum port and the election port of this peer's
     * server line, and an ephemeral port.
     *
     * @throws UncheckedIOException if a socket cannot be bound; none stays open then
     * @throws IllegalArgumentException if this peer is not in the view, an endpoint is not a
     *     datagram endpoint, or the election port is needed and missing
     */
    static DatagramElectionTransport open(long myId, QuorumView view, Set<Endpoint> endpoints,
            DatagramElectionConfig config) {
        QuorumServer me = view.server(myId)
                .orElseThrow(() -> new IllegalArgumentException("my id " + myId + " is not in the view"));
        Map<Endpoint, DatagramEndpoint> sockets = new EnumMap<>(Endpoint.class);
        try {
            for (Endpoint endpoint : endpoints) {
                PeerAddress bind = bindAddress(me, endpoint);
                InetSocketAddress address = config.bindWildcard() ? new InetSocketAddress(bind.port())
                        : bind.toSocketAddress();
                sockets.put(endpoint, new DatagramEndpoint(address, config.maxPayload(), length -> true,
                        config.inboxCapacity(), Long.toString(myId), endpoint == Endpoint.EPHEMERAL_UDP));
            }
        } catch (IOException | RuntimeException e) {
            sockets.values().forEach(DatagramEndpoint::close);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot bind the election sockets of server " + myId + ": " + io, io);
            }
            throw (RuntimeException) e;
        }
        DatagramElectionTransport transport = new DatagramElectionTransport(myId, view, sockets);
        transport.openRequesterChannels(config.maxPayload());
        return transport;
    }

    /** Connected channels beside the ephemeral socket, one per peer's quorum port (alg 0's responders). */
    private void openRequesterChannels(int maxPayload) {
        DatagramEndpoint requester = sockets.get(Endpoint.EPHEMERAL_UDP);
        if (requester == null) {
            return;
        }
        try {
            requesterChannels = PeerDatagramChannels.open(requester.localAddress(), quorumAddresses, maxPayload,
                    new RequesterListener(), Long.toString(myId));
        } catch (IOException | RuntimeException e) {
            LOG.info("requests go out unconnected, so a peer that is down costs a full receive timeout: {}",
                    e.toString());
        }
    }

    /** What the requester's connected channels hear, handed to the loop as the pumps do. */
    private final class RequesterListener implements PeerDatagramChannels.Listener {
        @Override
        public void datagram(long sid, InetSocketAddress source, byte[] payload) {
            ElectionLoop current = loop;
            if (current != null) {
                deliver(current, Endpoint.EPHEMERAL_UDP, source, payload);
            }
        }

        @Override
        public void refused(long sid) {
            ElectionLoop current = loop;
            if (current != null) {
                current.submit(new LoopInput.Unreachable(sid));
            }
        }
    }

    private static PeerAddress bindAddress(QuorumServer me, Endpoint endpoint) {
        return switch (endpoint) {
            case QUORUM_UDP -> me.quorumAddress();
            case ELECTION_UDP -> me.electionAddress().orElseThrow(() -> new IllegalArgumentException(
                    "server " + me.id() + " has no election port, which this election algorithm needs"));
            case EPHEMERAL_UDP -> new PeerAddress(me.quorumAddress().host(), 0);
            case ELECTION_TCP -> throw new IllegalArgumentException(endpoint + " is not a datagram endpoint");
        };
    }

    /** The local port of a socket, for tests and logs. */
    Optional<Integer> localPort(Endpoint endpoint) {
        return Optional.ofNullable(sockets.get(endpoint)).map(DatagramEndpoint::localPort);
    }

    void start(ElectionLoop loop) {
        this.loop = loop;
        sockets.forEach((endpoint, socket) ->
                threads.start("pump-" + endpoint.name().toLowerCase(java.util.Locale.ROOT), () -> pump(loop, endpoint, socket)));
    }

    @Override
    public void send(Destination to, byte[] payload) {
        if (to instanceof Destination.ToPeer peer) {
            InetSocketAddress address = peerAddress(peer.sid(), peer.endpoint());
            Endpoint from = peer.endpoint().sentFrom(opened);
            DatagramEndpoint socket = sockets.get(from);
            if (address == null || socket == null) {
                LOG.warn("cannot send to server {} over {}: no such address or socket", peer.sid(), peer.endpoint());
                return;
            }
            PeerDatagramChannels channels = requesterChannels;
            if (from == Endpoint.EPHEMERAL_UDP && channels != null && channels.reaches(peer.sid())
                    && payload.length <= socket.maxPayload()) {
                channels.send(peer.sid(), payload);
                return;
            }
            sendOn(socket, address, payload);
        } else if (to instanceof Destination.Reply reply) {
            DatagramEndpoint socket = sockets.get(reply.source().endpoint());
            if (socket == null || !(reply.source().route() instanceof InetSocketAddress address)) {
                LOG.warn("cannot reply along {}: it did not come from a datagram socket", reply.source());
                return;
            }
            sendOn(socket, address, payload);
        }
    }

    private InetSocketAddress peerAddress(long sid, Endpoint endpoint) {
        return switch (endpoint) {
            case QUORUM_UDP -> quorumAddresses.get(sid);
            case ELECTION_UDP -> electionAddresses.get(sid);
            case EPHEMERAL_UDP, ELECTION_TCP -> null;
        };
    }

    private static void sendOn(DatagramEndpoint socket, InetSocketAddress address, byte[] payload) {
        try {
            socket.send(address, payload);
        } catch (IllegalArgumentException e) {
            // A core asked for a datagram the socket cannot carry; that must not stop the loop.
            LOG.warn("dropped a datagram to {}: {}", address, e.getMessage());
        }
    }

    private void pump(ElectionLoop loop, Endpoint endpoint, DatagramEndpoint socket) {
        while (running) {
            try {
                Datagram datagram = socket.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (datagram != null) {
                    deliver(loop, endpoint, datagram.source(), datagram.payload());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Hands a datagram to the loop, its sender named by its source address (unknown if none matches). */
    private void deliver(ElectionLoop loop, Endpoint endpoint, InetSocketAddress source, byte[] payload) {
        long sid = sidsByAddress.getOrDefault(source, Source.UNKNOWN_SID);
        loop.offerMessage(new Source(sid, endpoint, source), payload);
    }

    /** Stops the pumps and closes every socket. Idempotent. */
    @Override
    public void close() {
        running = false;
        PeerDatagramChannels channels = requesterChannels;
        if (channels != null) {
            channels.close();
        }
        sockets.values().forEach(DatagramEndpoint::close);
        // The pumps wait on their inboxes up to POLL_MILLIS at a time; wake them rather than wait that out.
        threads.interruptAll();
        try {
            if (!threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("election pumps of server {} did not stop within {} ms", myId, JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DatagramElectionTransport{server " + myId + ", " + view.servers().size() + " servers, " + sockets.keySet() + "}";
    }
}
