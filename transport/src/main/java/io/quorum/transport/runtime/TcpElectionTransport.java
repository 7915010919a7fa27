package io.quorum.transport.runtime;

import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.transport.tcp.ConnectionManager;
import io.quorum.transport.tcp.TransportEvent;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects an election loop to the TCP connection manager (electionAlg=3's transport): a pump
 * thread moves received frames and link changes into the loop, and the loop's sends go to the
 * manager's per-peer queues, which dial on demand.
 */
final class TcpElectionTransport implements MessageSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpElectionTransport.class);
    private static final long POLL_MILLIS = 200;
    private static final long JOIN_MILLIS = 5_000;

    private final ConnectionManager manager;
    private final OwnedThreads threads;
    private volatile boolean running = true;

    TcpElectionTransport(ConnectionManager manager) {
        this.manager = manager;
        this.threads = new OwnedThreads("quorum-election-" + manager.mySid(), Long.toString(manager.mySid()));
    }

    void start(ElectionLoop loop) {
        manager.start();
        threads.start("pump", () -> pump(loop));
        // Dial everyone at once, as ZooKeeper's startLeaderElection does, so the first round's
        // notifications find connections already open.
        manager.connectAll();
    }

    @Override
    public void send(Destination to, byte[] payload) {
        if (to instanceof Destination.ToPeer peer) {
            manager.toSend(peer.sid(), payload);
        } else if (to instanceof Destination.Reply reply) {
            manager.toSend(reply.source().sid(), payload);
        }
    }

    private void pump(ElectionLoop loop) {
        while (running) {
            try {
                TransportEvent event = manager.inbox().poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (event instanceof TransportEvent.Received received) {
                    loop.offerMessage(Source.peer(received.sid(), Endpoint.ELECTION_TCP), received.payload());
                } else if (event instanceof TransportEvent.Link link) {
                    loop.submit(new LoopInput.Link(link.sid(), link.up()));
                } else if (event instanceof TransportEvent.Unreachable unreachable) {
                    loop.submit(new LoopInput.Unreachable(unreachable.sid()));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                LOG.debug("election loop gone; pump stops", e);
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        manager.close();
        // The pump waits on the inbox up to POLL_MILLIS at a time; wake it rather than wait that out.
        threads.interruptAll();
        try {
            threads.joinAll(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
