package io.quorum.transport.runtime;

import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.transport.tcp.ConnectionManager;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * Builds a running {@link Election} from any provider's core: the loop thread, the real clock
 * and the sockets the provider's endpoints name.
 */
public final class ElectionRuntime {
    /** Inputs that may wait for the loop before network messages are dropped. */
    public static final int INBOX_CAPACITY = 1_024;

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
}
