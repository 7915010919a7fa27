package io.quorum.election.fast;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.testing.LoopbackPorts;
import java.util.ArrayList;
import java.util.List;

/**
 * Ensembles of participants on 127.0.0.1 with free quorum and election ports, for socket tests and
 * benchmarks. All ports of one view are distinct ({@link LoopbackPorts}).
 */
public final class LoopbackViews {
    private LoopbackViews() {
    }

    public static QuorumView participants(int peers) {
        List<Integer> ports = LoopbackPorts.forServers(2 * peers);
        List<QuorumServer> servers = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            servers.add(QuorumServer.participant(i + 1, new PeerAddress("127.0.0.1", ports.get(2 * i)),
                    new PeerAddress("127.0.0.1", ports.get(2 * i + 1))));
        }
        return QuorumView.majority(servers);
    }
}
