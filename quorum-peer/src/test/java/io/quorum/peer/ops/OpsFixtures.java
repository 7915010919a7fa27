package io.quorum.peer.ops;

import io.quorum.api.ServerState;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A three-participant, one-observer ensemble and the statuses its peers publish. */
final class OpsFixtures {
    static final long STARTED_AT = 1_700_000_000_000L;
    static final BuildInfo BUILD = new BuildInfo("0.1.0", "2025-01-31 09:15 UTC");
    static final ElectionAlgorithm FAST = ElectionAlgorithm.numbered("fast", 3);
    static final ClientPortStats STATS = new ClientPortStats(2181, "/127.0.0.1:50244", 1, 8, 7, 6);

    private OpsFixtures() {
    }

    /** The configuration of server {@code myId} (4 is the observer), with its own data directory. */
    static QuorumPeerConfig config(Path dir, long myId) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tickTime", "2000");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        entries.put("dataDir", dir.toString());
        entries.put("clientPort", "2181");
        entries.put("server.1", "127.0.0.1:2888:3888");
        entries.put("server.2", "127.0.0.1:2889:3889");
        entries.put("server.3", "127.0.0.1:2890:3890");
        entries.put("server.4", "127.0.0.1:2891:3891:observer");
        if (myId == 4) {
            entries.put("peerType", "observer");
        }
        try {
            Files.writeString(dir.resolve("myid"), Long.toString(myId));
            return QuorumPeerConfig.parse(entries, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A peer that just started: LOOKING with epoch 1 and zxid 0x100000005. */
    static PeerStatus looking(QuorumPeerConfig config) {
        return PeerStatus.starting(config, FAST, 1, 1, 0x1_0000_0005L, STARTED_AT);
    }

    /** After a 12 ms election of leader 3 (or of itself when LEADING) and its epoch-2 handshake. */
    static PeerStatus serving(QuorumPeerConfig config, ServerState state) {
        long leader = state == ServerState.LEADING ? config.myId() : 3;
        PeerStatus status = looking(config).elected(state, leader, Duration.ofMillis(12), STARTED_AT + 50)
                .establishedNow()
                .withEpochs(2, 2)
                .withLastLoggedZxid(0x2_0000_0000L);
        return state == ServerState.LEADING ? status.withConnectedLearners(2) : status;
    }
}
