package io.quorum.peer.ops;

import io.quorum.api.ServerState;
import io.quorum.api.Zxid;

/**
 * {@code srvr} and {@code stat} in ZooKeeper 3.9's layout ({@code StatCommand} and {@code
 * ServerStats.toString}), followed by our own {@code Key: value} lines. Ours come last so that
 * parsers written for ZooKeeper, which look for {@code Mode:} and {@code Zxid:} lines, still work.
 */
final class SrvrFormat {
    private final BuildInfo build;

    SrvrFormat(BuildInfo build) {
        this.build = build;
    }

    /** The answer to {@code srvr}, or to {@code stat} when {@code withClients}. */
    String format(PeerStatus status, ClientPortStats stats, boolean withClients) {
        StringBuilder out = new StringBuilder(512);
        line(out, "Zookeeper version: " + build.fullVersion());
        if (withClients) {
            clients(out, stats);
        }
        line(out, "Latency min/avg/max: 0/" + ZooKeeperWords.NO_LATENCY_AVG + "/0");
        line(out, "Received: " + stats.received());
        line(out, "Sent: " + stats.sent());
        line(out, "Connections: " + stats.connections());
        line(out, "Outstanding: 0");
        line(out, "Zxid: " + Zxid.toHex(status.lastLoggedZxid()));
        line(out, "Mode: " + ZooKeeperWords.mode(status.state()));
        line(out, "Node count: " + ZooKeeperWords.NODE_COUNT);
        if (status.state() == ServerState.LEADING) {
            long none = ZooKeeperWords.NO_PROPOSAL_SIZE;
            line(out, "Proposal sizes last/min/max: " + none + "/" + none + "/" + none);
        }
        ourLines(out, status);
        return out.toString();
    }

    /**
     * ZooKeeper lists every client connection as {@code  /addr[ops](queued=,recved=,sent=)}; the
     * asking connection is the only client this port ever has, and it has sent its word only.
     */
    private static void clients(StringBuilder out, ClientPortStats stats) {
        line(out, "Clients:");
        line(out, " " + stats.client() + "[0](queued=0,recved=1,sent=0)");
        line(out, "");
    }

    private static void ourLines(StringBuilder out, PeerStatus status) {
        line(out, "Server id: " + status.myId());
        line(out, "Leader: " + status.leaderId().orElseThrow());
        line(out, "Epoch: " + status.currentEpoch());
        line(out, "Accepted epoch: " + status.acceptedEpoch());
        line(out, "Election algorithm: " + status.electionAlgorithm().describe());
        line(out, "Last election: " + status.lastElection().map(d -> d.toMillis() + " ms").orElse("none"));
        if (status.state() == ServerState.LEADING) {
            line(out, "Learners: " + status.connectedLearners());
        }
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
