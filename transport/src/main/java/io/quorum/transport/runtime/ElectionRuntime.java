package io.quorum.transport.runtime;

import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.transport.tcp.ConnectionManager;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * Builds a running {@link Election} from any provider's core: the loop thread, the real clock
 * and the sockets the provider's endpoints name.
 */
public final class ElectionRuntime {
    /** Inputs that may wait for the loop before network messages are dropped. */
    public static final int INBOX_CAPACITY = 1_024;
    private static final Set<Endpoint> DATAGRAM_ENDPOINTS =
            EnumSet.of(Endpoint.QUORUM_UDP, Endpoint.ELECTION_UDP, Endpoint.EPHEMERAL_UDP);

    private ElectionRuntime() {
    }

    /**
     * Starts an election over the TCP connection manager.
     *
     * @throws IllegalArgumentException if the provider needs sockets other than the TCP
     *     election port
     */
    public static Election startTcp(ElectionProvider provider, ElectionContext context, ConnectionManagerConfig config) {
        if (!provider.endpoints().equals(Set.of(Endpoint.ELECTION_TCP))) {
            throw new IllegalArgumentException("election algorithm '" + provider.name() + "' needs endpoints "
                    + provider.endpoints() + "; this runtime opens only " + Endpoint.ELECTION_TCP);
        }
        ElectionCore core = provider.newCore(context);
        TcpElectionTransport transport = new TcpElectionTransport(new ConnectionManager(config));
        BlockingQueue<Decision> decisions = BlockingElection.decisionQueue();
        ElectionLoop loop = new ElectionLoop(context.myId(), core, transport, decisions::add, SystemTicker.INSTANCE,
                INBOX_CAPACITY);
        loop.start();
        transport.start(loop);
        return new BlockingElection(loop, transport, decisions);
    }

    /**
     * Starts an election over UDP sockets, one per endpoint the provider lists (electionAlg 0:
     * the responder on the quorum port and the requester's ephemeral socket; alg 1/2: the
     * election port). The sockets and the loop live until {@link Election#shutdown}, across
     * rounds, so the core keeps answering requests while its peer leads or follows.
     *
     * @throws IllegalArgumentException if the provider needs a socket that is not a datagram
     *     socket, or none
     * @throws java.io.UncheckedIOException if a socket cannot be bound
     */
    public static Election startDatagram(ElectionProvider provider, ElectionContext context,
            DatagramElectionConfig config) {
        Set<Endpoint> endpoints = provider.endpoints();
        if (endpoints.isEmpty() || !DATAGRAM_ENDPOINTS.containsAll(endpoints)) {
            throw new IllegalArgumentException("election algorithm '" + provider.name() + "' needs endpoints "
                    + endpoints + "; this runtime opens only " + DATAGRAM_ENDPOINTS);
        }
        DatagramElectionTransport transport = DatagramElectionTransport.open(context.myId(), context.view(), endpoints,
                config);
        ElectionCore core;
        try {
            core = provider.newCore(context);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        BlockingQueue<Decision> decisions = BlockingElection.decisionQueue();
        ElectionLoop loop = new ElectionLoop(context.myId(), core, transport, decisions::add, SystemTicker.INSTANCE,
                INBOX_CAPACITY);
        loop.start();
        transport.start(loop);
        return new BlockingElection(loop, transport, decisions);
    }
}
