package io.quorum.peer.ops;

import io.quorum.api.view.PeerAddress;
import io.quorum.peer.config.QuorumPeerConfig;

/**
 * {@code conf}: ZooKeeper 3.4's {@code key=value} lines ({@code ZooKeeperServer.dumpConf} then
 * {@code QuorumZooKeeperServer.dumpConf}), with the same derivations: the data directories are
 * printed as ZooKeeper's snapshot and log directories ({@code version-2} below them), the session
 * timeout bounds are ZooKeeper's defaults of 2 and 20 ticks, and {@code peerType} is the learner
 * type's ordinal.
 */
final class ConfFormat {
    private static final String VERSION_DIR = "version-2";
    private static final int MIN_SESSION_TICKS = 2;
    private static final int MAX_SESSION_TICKS = 20;
    private final QuorumPeerConfig config;

    ConfFormat(QuorumPeerConfig config) {
        this.config = config;
    }

    String format(PeerStatus status, ClientPortStats stats) {
        StringBuilder out = new StringBuilder(512);
        entry(out, "clientPort", stats.boundPort());
        entry(out, "dataDir", config.dataDir().resolve(VERSION_DIR).toAbsolutePath());
        entry(out, "dataLogDir", config.dataLogDir().resolve(VERSION_DIR).toAbsolutePath());
        entry(out, "tickTime", config.tickTime());
        // ZooKeeper's limit is per client host; ours is all connections together, the stricter.
        entry(out, "maxClientCnxns", stats.maxConnections());
        entry(out, "minSessionTimeout", MIN_SESSION_TICKS * config.tickTime());
        entry(out, "maxSessionTimeout", MAX_SESSION_TICKS * config.tickTime());
        entry(out, "serverId", status.myId());
        entry(out, "initLimit", config.initLimit());
        entry(out, "syncLimit", config.syncLimit());
        entry(out, "electionAlg", status.electionAlgorithm().confValue());
        entry(out, "electionPort", status.electionAddress().map(PeerAddress::port).orElse(-1));
        entry(out, "quorumPort", status.quorumAddress().port());
        entry(out, "peerType", status.learnerType().ordinal());
        return out.toString();
    }

    private static void entry(StringBuilder out, String key, Object value) {
        out.append(key).append('=').append(value).append('\n');
    }
}
