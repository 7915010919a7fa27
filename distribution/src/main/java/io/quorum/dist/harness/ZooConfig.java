package io.quorum.dist.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The zoo.cfg the harness gives a real peer (ZooKeeper's or ours). One value per ensemble, so
 * every member of an ensemble runs the same election algorithm.
 *
 * @param electionAlg ZooKeeper's {@code electionAlg}: 0 (LeaderElection), 1 and 2
 *     (AuthFastLeaderElection, 3.4.14 and ours only), 3 (FastLeaderElection, the default), or the
 *     name of an algorithm our peer has installed
 */
public record ZooConfig(String electionAlg) {

    /** FastLeaderElection, which every ZooKeeper release and our peer run. */
    public static final ZooConfig DEFAULT = new ZooConfig("3");

    public ZooConfig {
        if (electionAlg == null || !electionAlg.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("electionAlg must be a number or an algorithm name, not " + electionAlg);
        }
    }

    /** The harness's settings with {@code electionAlg=alg}. */
    public static ZooConfig electing(int alg) {
        if (alg < 0 || alg > 3) {
            throw new IllegalArgumentException("electionAlg must be 0..3, got " + alg);
        }
        return new ZooConfig(Integer.toString(alg));
    }

    public List<String> lines(PeerRuntime runtime, PeerAddress self, List<PeerAddress> view, Path dataDir) {
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
                "electionAlg=" + electionAlg,
                "4lw.commands.whitelist=*"));
        lines.addAll(runtime.extraConfig());
        if (self.observer()) {
            lines.add("peerType=observer");
        }
        view.forEach(peer -> lines.add(peer.serverLine()));
        return lines;
    }

    @Override
    public String toString() {
        return "electionAlg=" + electionAlg;
    }
}
