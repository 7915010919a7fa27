package io.quorum.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.transport.testing.TestCertificates;
import io.quorum.transport.tls.ThrowawayPki;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sslQuorum and ZooKeeper's ssl.quorum.* keys: loaded while parsing, every problem named. */
class QuorumTlsKeysTest {
    @TempDir
    Path dataDir;

    @BeforeEach
    void myId() {
        Ensembles.writeMyId(dataDir, "1");
    }

    private Map<String, String> tls(Path keyStore, String password) {
        ThrowawayPki ca = TestCertificates.trusted();
        return Ensembles.threeServersWith(dataDir, "sslQuorum", "true",
                "ssl.quorum.keyStore.location", keyStore.toString(), "ssl.quorum.keyStore.password", password,
                "ssl.quorum.trustStore.location", ca.trustStore().toString(),
                "ssl.quorum.trustStore.password", ca.password());
    }

    @Test
    void withoutSslQuorumThereIsNoTlsEvenWhenStoresAreNamed() throws Exception {
        Map<String, String> entries = tls(dataDir.resolve("missing.p12"), "x");
        entries.put("sslQuorum", "false");
        assertThat(QuorumPeerConfig.parse(entries, dataDir).quorumTls()).isEmpty();
        entries.remove("sslQuorum");
        assertThat(QuorumPeerConfig.parse(entries, dataDir).quorumTls()).isEmpty();
    }

    @Test
    void goodStoresLoadWithZooKeepersDefaults() throws Exception {
        QuorumPeerConfig config = QuorumPeerConfig.parse(tls(TestCertificates.peerKeyStore(),
                TestCertificates.trusted().password()), dataDir);
        assertThat(config.quorumTls()).hasValueSatisfying(tls -> {
            assertThat(tls.settings().hostnameVerification()).isTrue();
            assertThat(tls.settings().protocol()).isEqualTo("TLSv1.3");
            assertThat(tls.settings().keyStore().location()).isEqualTo(TestCertificates.peerKeyStore());
        });
    }

    @Test
    void theOtherKeysAreRead() throws Exception {
        Map<String, String> entries = tls(TestCertificates.peerKeyStore(), TestCertificates.trusted().password());
        entries.put("ssl.quorum.hostnameVerification", "false");
        entries.put("ssl.quorum.protocol", "TLSv1.2");
        entries.put("ssl.quorum.ciphersuites", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        entries.put("ssl.quorum.keyStore.type", "PKCS12");
        entries.put("ssl.quorum.clientAuth", "want");
        QuorumPeerConfig config = QuorumPeerConfig.parse(entries, dataDir);
        assertThat(config.quorumTls().orElseThrow().settings().cipherSuites()).hasSize(2);
        assertThat(config.quorumTls().orElseThrow().settings().protocol()).isEqualTo("TLSv1.2");
        assertThat(config.warnings()).contains(
                "ZooKeeper's quorum TLS key ssl.quorum.clientAuth is not supported and is ignored");
    }

    @Test
    void sslQuorumWithoutAKeyStoreNamesTheMissingKey() {
        Map<String, String> entries = tls(TestCertificates.peerKeyStore(), "x");
        entries.remove("ssl.quorum.keyStore.location");
        assertThatThrownBy(() -> QuorumPeerConfig.parse(entries, dataDir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sslQuorum=true needs ssl.quorum.keyStore.location");
    }

    @Test
    void aMissingKeyStoreFileIsNamedWithItsKey() {
        assertThatThrownBy(() -> QuorumPeerConfig.parse(tls(Path.of("conf/peer.p12"), "x"), dataDir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ssl.quorum.keyStore.location=" + dataDir.resolve("conf/peer.p12") + ": no such file");
    }

    @Test
    void aWrongPasswordAndAnExpiredCertificateAreConfigurationErrors() {
        assertThatThrownBy(() -> QuorumPeerConfig.parse(tls(TestCertificates.peerKeyStore(), "wrong"), dataDir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ssl.quorum.keyStore.password is wrong for " + TestCertificates.peerKeyStore());
        assertThatThrownBy(() -> QuorumPeerConfig.parse(tls(TestCertificates.expiredKeyStore(),
                TestCertificates.trusted().password()), dataDir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.quorum.keyStore.location=" + TestCertificates.expiredKeyStore())
                .hasMessageContaining("expired on");
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> entries = tls(TestCertificates.peerKeyStore(), TestCertificates.trusted().password());
        entries.put("sslQuorum", "yes please");
        assertThatThrownBy(() -> QuorumPeerConfig.parse(entries, dataDir)).hasMessageContaining("sslQuorum");
        entries.put("sslQuorum", "true");
        entries.put("ssl.quorum.hostnameVerification", "maybe");
        assertThatThrownBy(() -> QuorumPeerConfig.parse(entries, dataDir))
                .hasMessageContaining("ssl.quorum.hostnameVerification");
    }
}
