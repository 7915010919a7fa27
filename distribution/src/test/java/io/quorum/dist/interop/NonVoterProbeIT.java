package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.ZooKeeperVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays PROTOCOL.md section 9's first probe against a live FOLLOWING peer: a connection from a
 * sid that is not in the peer's view, opened the 3.4.14 way (a bare 8-byte sid), carrying one
 * framed 40-byte LOOKING notification. Section 3.7 says a non-voter is answered with the current
 * vote; this is the path an unknown or observer sid of ours will take into a real ensemble.
 */
class NonVoterProbeIT {

    private static final Logger LOG = LoggerFactory.getLogger(NonVoterProbeIT.class);
    private static final long UNKNOWN_SID = 99;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ZooKeeperVersion.class)
    void aFollowerAnswersAnUnknownSidWithItsCurrentVote(ZooKeeperVersion version) throws IOException {
        try (Ensemble ensemble = Ensemble.start(version, 3, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(Duration.ofSeconds(30));
            PeerProcess follower = ensemble.peers().stream().filter(peer -> peer != leader).findFirst()
                    .orElseThrow();

            RawNotification reply = probe(follower.address().electionPort(),
                    RawNotification.looking40(UNKNOWN_SID, 1));
            LOG.info("ZooKeeper {} follower sid {} answered unknown sid {} with {}",
                    version, follower.sid(), UNKNOWN_SID, reply);

            assertThat(reply.state()).as(ensemble::describe).isEqualTo(RawNotification.FOLLOWING);
            assertThat(reply.leader()).as(ensemble::describe).isEqualTo(leader.sid());
            assertVersionSpecificForm(version, reply);
        }
    }

    /** 3.4.14 always sends the 40-byte version-1 form; 3.9.5 version 2 with its config (3.1). */
    private static void assertVersionSpecificForm(ZooKeeperVersion version, RawNotification reply) {
        if (version == ZooKeeperVersion.V3_4_14) {
            assertThat(reply.version()).isEqualTo(1);
            assertThat(reply.config()).isEmpty();
        } else {
            assertThat(reply.version()).isEqualTo(2);
            assertThat(reply.config()).hasValueSatisfying(config -> assertThat(config).contains("server.1="));
        }
    }

    private static RawNotification probe(int electionPort, RawNotification notification) throws IOException {
        return ElectionPortProbe.ask(electionPort, UNKNOWN_SID, notification, READ_TIMEOUT_MILLIS);
    }
}
