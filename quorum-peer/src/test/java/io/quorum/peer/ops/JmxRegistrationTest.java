package io.quorum.peer.ops;

import static io.quorum.peer.ops.OpsFixtures.config;
import static io.quorum.peer.ops.OpsFixtures.looking;
import static io.quorum.peer.ops.OpsFixtures.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.ServerState;
import io.quorum.peer.config.QuorumPeerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmxRegistrationTest {
    /** Ids no other test in this JVM uses, since the platform server is shared. */
    private static final long MY_ID = 1;

    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    @TempDir
    Path dir;
    private QuorumPeerConfig config;
    private PeerStatusHolder status;

    @BeforeEach
    void setUp() {
        config = config(dir, MY_ID);
        status = new PeerStatusHolder(looking(config));
    }

    @Test
    void attributesReadTheLatestStatusThroughThePlatformServer() throws JMException {
        ObjectName peer = JmxRegistration.peerName(MY_ID);
        ObjectName election = JmxRegistration.electionName(MY_ID);
        try (JmxRegistration registration = JmxRegistration.register(MY_ID, status)) {
            assertThat(registration.names()).containsExactly(peer, election);
            assertThat(peer.toString()).isEqualTo("io.quorum:type=Peer,id=1");
            assertThat(election.toString()).isEqualTo("io.quorum:type=Election,id=1");
            assertThat(platform.getAttribute(peer, "State")).isEqualTo("LOOKING");
            assertThat(platform.getAttribute(peer, "LeaderId")).isEqualTo(-1L);
            assertThat(platform.getAttribute(election, "Looking")).isEqualTo(true);
            assertThat(platform.getAttribute(election, "LastElectionMillis")).isEqualTo(-1L);

            status.publish(serving(config, ServerState.LEADING));

            assertThat(platform.getAttribute(peer, "MyId")).isEqualTo(1L);
            assertThat(platform.getAttribute(peer, "State")).isEqualTo("LEADING");
            assertThat(platform.getAttribute(peer, "LeaderId")).isEqualTo(1L);
            assertThat(platform.getAttribute(peer, "CurrentEpoch")).isEqualTo(2L);
            assertThat(platform.getAttribute(peer, "AcceptedEpoch")).isEqualTo(2L);
            assertThat(platform.getAttribute(peer, "LastLoggedZxid")).isEqualTo("0x200000000");
            assertThat(platform.getAttribute(peer, "ElectionAlgorithm")).isEqualTo("fast (3)");
            assertThat(platform.getAttribute(peer, "LearnerType")).isEqualTo("participant");
            assertThat(platform.getAttribute(peer, "QuorumAddress")).isEqualTo("127.0.0.1:2888");
            assertThat(platform.getAttribute(peer, "ElectionAddress")).isEqualTo("127.0.0.1:3888");
            assertThat(platform.getAttribute(peer, "ClientAddress")).isEqualTo("0.0.0.0:2181");
            assertThat(platform.getAttribute(peer, "ConnectedLearners")).isEqualTo(2);
            assertThat(platform.getAttribute(peer, "ServerCount")).isEqualTo(4);
            assertThat(platform.getAttribute(peer, "StateChangedAtMillis")).isEqualTo(OpsFixtures.STARTED_AT + 50);
            assertThat(platform.getAttribute(election, "AlgorithmName")).isEqualTo("fast");
            assertThat(platform.getAttribute(election, "AlgorithmNumber")).isEqualTo(3);
            assertThat(platform.getAttribute(election, "Looking")).isEqualTo(false);
            assertThat(platform.getAttribute(election, "LastElectionMillis")).isEqualTo(12L);
            assertThat(platform.getAttribute(election, "LeaderId")).isEqualTo(1L);
        }
        assertThat(platform.isRegistered(peer)).isFalse();
        assertThat(platform.isRegistered(election)).isFalse();
    }

    @Test
    void registeringTheSameIdTwiceFailsClearlyAndLeavesTheFirstRegistrationIntact() {
        try (JmxRegistration first = JmxRegistration.register(MY_ID, status)) {
            assertThatThrownBy(() -> JmxRegistration.register(MY_ID, status))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("io.quorum:type=Peer,id=1 is already registered")
                    .hasMessageContaining("another peer with myid 1");
            assertThat(platform.isRegistered(JmxRegistration.peerName(MY_ID))).isTrue();
            assertThat(platform.isRegistered(JmxRegistration.electionName(MY_ID))).isTrue();
        }
    }

    @Test
    void aHalfFailedRegistrationRollsBackThePeerBean() throws JMException {
        long id = 77;
        ObjectName election = JmxRegistration.electionName(id);
        platform.registerMBean(new ElectionBean(status), election);
        try {
            assertThatThrownBy(() -> JmxRegistration.register(id, status))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("io.quorum:type=Election,id=77 is already registered");
            assertThat(platform.isRegistered(JmxRegistration.peerName(id))).isFalse();
        } finally {
            platform.unregisterMBean(election);
        }
    }

    @Test
    void closeIsIdempotentAndTheIdCanBeRegisteredAgain() {
        JmxRegistration registration = JmxRegistration.register(MY_ID, status);
        registration.close();
        registration.close();
        try (JmxRegistration again = JmxRegistration.register(MY_ID, status)) {
            assertThat(platform.isRegistered(JmxRegistration.peerName(MY_ID))).isTrue();
        }
    }
}
