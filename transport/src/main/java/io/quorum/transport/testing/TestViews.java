package io.quorum.transport.testing;

import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Views for scripted core tests of any algorithm: sids 1..voters are participants on hosts
 * {@code n<sid>}, the next ones observers.
 */
public final class TestViews {
    private TestViews() {
    }

    public static QuorumView majority(int voters) {
        return majority(voters, 0);
    }

    public static QuorumView majority(int voters, int observers) {
        return QuorumView.majority(servers(voters, observers));
    }

    /** One group of three voters weighted 1, 1 and 0: server 3 may never lead. */
    public static QuorumView zeroWeightThird() {
        return new QuorumView(servers(3, 0),
                new HierarchicalVerifier(Map.of(1L, List.of(1L, 2L, 3L)), Map.of(1L, 1L, 2L, 1L, 3L, 0L)));
    }

    private static List<QuorumServer> servers(int voters, int observers) {
        List<QuorumServer> servers = new ArrayList<>();
        for (long sid = 1; sid <= voters + observers; sid++) {
            PeerAddress quorum = new PeerAddress("n" + sid, 2888);
            PeerAddress election = new PeerAddress("n" + sid, 3888);
            servers.add(sid <= voters ? QuorumServer.participant(sid, quorum, election)
                    : QuorumServer.observer(sid, quorum, election));
        }
        return servers;
    }
}
