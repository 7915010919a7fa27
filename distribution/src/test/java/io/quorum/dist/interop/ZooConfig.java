package io.quorum.dist.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The zoo.cfg the harness gives a real ZooKeeper peer. */
final class ZooConfig {

    private ZooConfig() {
    }

    static List<String> lines(PeerRuntime runtime, PeerAddress self, List<PeerAddress> view, Path dataDir) {
        List<String> lines = new ArrayList<>(List.of(
                // Short ticks keep the Zab handshake fast; the limits stay generous in ticks
                // (4 s to sync, 2 s without a ping) so a busy two-core CI machine does not
                // make a follower drop out.
                "tickTime=200",
                "initLimit=20",
                "syncLimit=10",
                // Connecting to a dead loopback peer is refused at once, but keep a lost
                // SYN from stalling 3.4.14's synchronous connect for the default 5 s.
                "cnxTimeout=1000",
                "dataDir=" + dataDir,
                "clientPort=" + self.clientPort(),
                "clientPortAddress=" + PeerAddress.HOST,
                "electionAlg=3",
                "4lw.commands.whitelist=*"));
        lines.addAll(runtime.extraConfig());
        if (self.observer()) {
            lines.add("peerType=observer");
        }
        view.forEach(peer -> lines.add(peer.serverLine()));
        return lines;
    }
}
