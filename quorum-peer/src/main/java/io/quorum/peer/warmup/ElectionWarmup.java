package io.quorum.peer.warmup;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs throw-away elections of the peer's own algorithm among three in-process voters on
 * loopback ports, each followed by the survivors' election once the leader stops: the code a
 * failover runs (the core, its codec, the connection manager's reads, writes, link losses and
 * refused dials) is then compiled instead of interpreted when a real failover needs it. Only for
 * algorithms on the TCP election port; failure only costs the gain.
 */
final class ElectionWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(ElectionWarmup.class);
    private static final int VOTERS = 3;
    private static final long ROUND_BOUND_MILLIS = 2_000;

    private ElectionWarmup() {
    }

    /** Whether {@code provider}'s elections can be rehearsed: they run over the TCP election port. */
    static boolean supports(ElectionProvider provider) {
        return provider.endpoints().contains(Endpoint.ELECTION_TCP);
    }

    /** One ensemble: the first election, then the survivors' after the leader stops. */
    static void rehearse(ElectionProvider provider, ExecutorService callers) throws IOException, InterruptedException {
        QuorumView view = loopbackView();
        List<Election> elections = new ArrayList<>();
        try {
            for (long sid = 1; sid <= VOTERS; sid++) {
                Vote history = Vote.initial(sid, Zxid.of(1, sid), 1);
                elections.add(ElectionRuntime.startTcp(provider, new PeerElectionContext(sid, view, () -> history, Map.of()),
                        ConnectionManagerConfig.defaults(sid, view)));
            }
            List<Decision> first = elect(elections, callers);
            int leader = indexOfLeader(first);
            if (leader < 0) {
                return;
            }
            elections.remove(leader).shutdown();
            elect(elections, callers);
        } finally {
            elections.forEach(Election::shutdown);
        }
    }

    private static List<Decision> elect(List<Election> elections, ExecutorService callers) throws InterruptedException {
        List<Future<Decision>> pending = new ArrayList<>();
        for (Election election : elections) {
            pending.add(callers.submit(() -> {
                Decision decision = election.lookForLeader();
                election.peerState(decision.role(), decision.vote());
                return decision;
            }));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Future<Decision> decision : pending) {
            try {
                decisions.add(decision.get(ROUND_BOUND_MILLIS, TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.debug("warm-up election did not end: {}", e.toString());
                decision.cancel(true);
                decisions.add(null);
            }
        }
        return decisions;
    }

    private static int indexOfLeader(List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d != null && d.role() == ServerState.LEADING) {
                return i;
            }
        }
        return -1;
    }

    private static QuorumView loopbackView() {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        List<Integer> ports = LoopbackPorts.distinct(2 * VOTERS);
        List<QuorumServer> servers = new ArrayList<>();
        for (int sid = 1; sid <= VOTERS; sid++) {
            servers.add(QuorumServer.participant(sid, new PeerAddress(host, ports.get(2 * sid - 2)),
                    new PeerAddress(host, ports.get(2 * sid - 1))));
        }
        return QuorumView.majority(servers);
    }
}
