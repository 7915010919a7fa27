package io.quorum.election.fast;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ensembles of participants on 127.0.0.1 with free quorum and election ports, for socket tests and benchmarks. */
public final class LoopbackViews {
    private LoopbackViews() {
    }

    public static QuorumView participants(int peers) throws IOException {
        List<QuorumServer> servers = new ArrayList<>();
        for (long sid = 1; sid <= peers; sid++) {
            servers.add(QuorumServer.participant(sid, new PeerAddress("127.0.0.1", freePort()),
                    new PeerAddress("127.0.0.1", freePort())));
        }
        return QuorumView.majority(servers);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
