package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.dist.harness.FourLetterWords;
import io.quorum.dist.harness.FourLetterWords.Mode;
import io.quorum.peer.wiring.PeerAssemblyException;
import io.quorum.transport.testing.TestCertificates;
import io.quorum.transport.tls.ThrowawayPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sslQuorum=true on whole peers: the election port and the quorum port both run mutual TLS. A TLS
 * ensemble elects and fails over; a peer with an untrusted certificate, or none, takes no part.
 */
class TlsEnsembleTest {
    @TempDir
    Path root;

    private LocalEnsemble ensemble;
    private LinkWatcher links;

    @AfterEach
    void stop() {
        if (ensemble != null) {
            ensemble.close();
        }
        if (links != null) {
            links.detach();
        }
    }

    /** ZooKeeper's keys for a peer with {@code keyStore} and {@code ca}'s trust store. */
    static Map<String, String> tlsKeys(ThrowawayPki ca, Path keyStore) {
        Map<String, String> keys = new HashMap<>();
        for (String line : ca.zooCfgLines(keyStore)) {
            int eq = line.indexOf('=');
            keys.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return keys;
    }

    private static Map<String, String> trusted() {
        return tlsKeys(TestCertificates.trusted(), TestCertificates.peerKeyStore());
    }

    @Test
    void aTlsEnsembleElectsFailsOverAndTakesTheOldLeaderBack() throws Exception {
        ensemble = new LocalEnsemble(root, 3, trusted());
        for (long sid = 1; sid <= 3; sid++) {
            ensemble.start(sid);
        }
        long first = ensemble.awaitLeader(1);
        assertThat(FourLetterWords.srvr(ensemble.clientPort(first)).mode()).isEqualTo(Mode.LEADER);

        ensemble.stop(first);
        long second = ensemble.awaitLeader(2);
        assertThat(second).isNotEqualTo(first);

        ensemble.start(first);
        assertThat(ensemble.awaitLeader(2)).isEqualTo(second);
        assertThat(ensemble.get(first).peer().history().acceptedEpoch()).isEqualTo(2);
    }

    /**
     * Peer 1 and a peer 3 holding a certificate from a CA nobody trusts (it trusts ours itself):
     * were 3's votes counted anywhere, 1 and 3 would be a quorum of three and elect. They are not,
     * so 1 keeps looking until the real peer 2 arrives, and 1 and 2 then elect 2, not 3.
     */
    @Test
    void aPeerWithAnUntrustedCertificateNeverCountsAndNeverJoins() throws Exception {
        links = LinkWatcher.attach();
        ensemble = new LocalEnsemble(root, 3, trusted());
        ensemble.start(1);
        ensemble.start(3, tlsKeys(TestCertificates.rogue(), TestCertificates.rogueKeyStore()));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                ensemble.get(1).peer().status().state() == ServerState.LOOKING
                        && ensemble.get(3).peer().status().state() == ServerState.LOOKING);

        ensemble.start(2);
        assertThat(ensemble.awaitLeader(1, List.of(1L, 2L))).isEqualTo(2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                ensemble.get(3).peer().status().state() == ServerState.LOOKING
                        && ensemble.get(2).peer().status().state() == ServerState.LEADING);
        assertThat(FourLetterWords.srvr(ensemble.clientPort(3)).mode()).isEqualTo(Mode.NOT_SERVING);
        // A vote reaches an election only over a link that came up; 1 and 2 never had one with 3.
        assertThat(links.upSeenBy(1)).contains(2L).doesNotContain(3L);
        assertThat(links.upSeenBy(2)).contains(1L).doesNotContain(3L);
    }

    @ParameterizedTest(name = "{0} peer")
    @ValueSource(strings = {"plain-text", "TLS"})
    void plainTextAndTlsPeersDoNotMix(String odd) throws Exception {
        boolean oddIsTls = odd.equals("TLS");
        ensemble = new LocalEnsemble(root, 3, oddIsTls ? Map.of() : trusted());
        ensemble.start(1);
        ensemble.start(3, oddIsTls ? trusted() : Map.of("sslQuorum", "false"));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                ensemble.get(1).peer().status().state() == ServerState.LOOKING
                        && ensemble.get(3).peer().status().state() == ServerState.LOOKING);
        ensemble.start(2);
        assertThat(ensemble.awaitLeader(1, List.of(1L, 2L))).isEqualTo(2);
        assertThat(ensemble.get(3).peer().status().state()).isEqualTo(ServerState.LOOKING);
    }

    @ParameterizedTest(name = "electionAlg={0}")
    @ValueSource(strings = {"0", "1", "2", "auth-fast"})
    void sslQuorumWithAUdpElectionIsRefusedAtStart(String electionAlg) throws Exception {
        Map<String, String> settings = new HashMap<>(trusted());
        settings.put("electionAlg", electionAlg);
        ensemble = new LocalEnsemble(root, 3, settings);
        assertThatThrownBy(() -> ensemble.start(1))
                .isInstanceOf(PeerAssemblyException.class)
                .hasMessageStartingWith("sslQuorum=true secures TCP connections only, but electionAlg=" + electionAlg)
                .hasMessageContaining("elects over UDP");
    }
}
