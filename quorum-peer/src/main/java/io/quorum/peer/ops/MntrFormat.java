package io.quorum.peer.ops;

import io.quorum.api.ServerState;

/**
 * {@code mntr}: ZooKeeper's tab-separated {@code zk_<key>\t<value>} lines in the order of its
 * {@code MonitorCommand} (the classic key set, without the 3.6+ metrics-provider dump), then our
 * own keys under {@code zk_quorum_}. Absent numbers are -1, as ZooKeeper writes unmeasured
 * proposal sizes, so that monitoring scripts always find a number.
 */
final class MntrFormat {
    private static final long ABSENT = -1;
    private final BuildInfo build;

    MntrFormat(BuildInfo build) {
        this.build = build;
    }

    String format(PeerStatus status, ClientPortStats stats) {
        StringBuilder out = new StringBuilder(768);
        entry(out, "version", build.fullVersion());
        entry(out, "avg_latency", ZooKeeperWords.NO_LATENCY_AVG);
        entry(out, "max_latency", 0);
        entry(out, "min_latency", 0);
        entry(out, "packets_received", stats.received());
        entry(out, "packets_sent", stats.sent());
        entry(out, "num_alive_connections", stats.connections());
        entry(out, "outstanding_requests", 0);
        entry(out, "server_state", ZooKeeperWords.mode(status.state()));
        entry(out, "znode_count", ZooKeeperWords.NODE_COUNT);
        entry(out, "watch_count", 0);
        entry(out, "ephemerals_count", 0);
        entry(out, "approximate_data_size", 0);
        if (status.state() == ServerState.LEADING) {
            leaderEntries(out, status);
        }
        ourEntries(out, status);
        return out.toString();
    }

    /**
     * ZooKeeper's leader-only keys. It counts forwarding followers as synced; our learners only
     * count as connected once their handshake finished, so both numbers are the same.
     */
    private static void leaderEntries(StringBuilder out, PeerStatus status) {
        entry(out, "followers", status.connectedLearners());
        entry(out, "synced_followers", status.connectedLearners());
        entry(out, "pending_syncs", 0);
        entry(out, "last_proposal_size", ZooKeeperWords.NO_PROPOSAL_SIZE);
        entry(out, "max_proposal_size", ZooKeeperWords.NO_PROPOSAL_SIZE);
        entry(out, "min_proposal_size", ZooKeeperWords.NO_PROPOSAL_SIZE);
    }

    private static void ourEntries(StringBuilder out, PeerStatus status) {
        entry(out, "quorum_server_id", status.myId());
        entry(out, "quorum_leader_id", status.leaderId().orElse(ABSENT));
        entry(out, "quorum_epoch", status.currentEpoch());
        entry(out, "quorum_accepted_epoch", status.acceptedEpoch());
        entry(out, "quorum_election_alg", status.electionAlgorithm().name());
        entry(out, "quorum_election_alg_number", status.electionAlgorithm().number().orElse((int) ABSENT));
        entry(out, "quorum_last_election_ms", status.lastElection().map(d -> d.toMillis()).orElse(ABSENT));
        entry(out, "quorum_state_changed_at_ms", status.stateChangedAtMillis());
        entry(out, "quorum_learner_type", status.learnerType().configName());
        entry(out, "quorum_servers", status.serverCount());
    }

    private static void entry(StringBuilder out, String key, Object value) {
        out.append("zk_").append(key).append('\t').append(value).append('\n');
    }
}
