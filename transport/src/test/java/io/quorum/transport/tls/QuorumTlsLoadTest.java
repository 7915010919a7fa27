package io.quorum.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.transport.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable TLS material is refused at load, with the key and the file named. */
class QuorumTlsLoadTest {
    @TempDir
    Path dir;

    private static TlsSettings good() {
        return TestCertificates.peerSettings();
    }

    private static TlsSettings.Store keyStore(Path location, String password) {
        return new TlsSettings.Store(TlsSettings.KEY_STORE_LOCATION, location, password, Optional.empty());
    }

    private static TlsSettings withKeyStore(TlsSettings.Store store) {
        TlsSettings good = good();
        return new TlsSettings(store, good.trustStore(), good.hostnameVerification(), good.protocol(), good.cipherSuites());
    }

    @Test
    void goodMaterialLoads() throws Exception {
        assertThat(QuorumTls.load(good()).settings()).isEqualTo(good());
    }

    @Test
    void aMissingKeyStoreIsNamedWithItsKey() {
        Path missing = dir.resolve("nowhere.p12");
        assertThatThrownBy(() -> QuorumTls.load(withKeyStore(keyStore(missing, "x"))))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("ssl.quorum.keyStore.location=" + missing)
                .hasMessageContaining("no such file");
    }

    @Test
    void aWrongKeyStorePasswordNamesThePasswordKeyAndTheFile() {
        Path store = TestCertificates.peerKeyStore();
        assertThatThrownBy(() -> QuorumTls.load(withKeyStore(keyStore(store, "wrong"))))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("ssl.quorum.keyStore.password is wrong for " + store);
    }

    @Test
    void aWrongTrustStorePasswordNamesTheTrustStoreKeys() {
        TlsSettings good = good();
        TlsSettings.Store trust = new TlsSettings.Store(TlsSettings.TRUST_STORE_LOCATION, good.trustStore().location(),
                "wrong", Optional.empty());
        assertThatThrownBy(() -> QuorumTls.load(new TlsSettings(good.keyStore(), trust, true, "TLSv1.3", List.of())))
                .hasMessageContaining("ssl.quorum.trustStore.password is wrong for " + trust.location());
    }

    @Test
    void anExpiredCertificateIsNamedWithItsDate() {
        Path expired = TestCertificates.expiredKeyStore();
        assertThatThrownBy(() -> QuorumTls.load(TestCertificates.trusted().settings(expired)))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("ssl.quorum.keyStore.location=" + expired)
                .hasMessageContaining("CN=expired")
                .hasMessageContaining("expired on");
    }

    @Test
    void aTrustStoreAsKeyStoreHasNoPrivateKey() {
        TlsSettings good = good();
        assertThatThrownBy(() -> QuorumTls.load(withKeyStore(keyStore(good.trustStore().location(), good.trustStore().password()))))
                .hasMessageContaining("holds no private key");
    }

    @Test
    void garbageIsNotAStore() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> QuorumTls.load(withKeyStore(keyStore(garbage, "x"))))
                .hasMessageContaining("ssl.quorum.keyStore.location=" + garbage)
                .hasMessageContaining("not a readable PKCS12 store");
    }

    @Test
    void pemStoresAreRefusedWithAWayOut() throws Exception {
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----");
        assertThatThrownBy(() -> QuorumTls.load(withKeyStore(keyStore(pem, "x"))))
                .hasMessageContaining("ssl.quorum.keyStore.location=" + pem)
                .hasMessageContaining("PEM stores are not supported");
    }

    @Test
    void anUnknownProtocolOrCipherSuiteIsNamed() {
        TlsSettings good = good();
        assertThatThrownBy(() -> QuorumTls.load(new TlsSettings(good.keyStore(), good.trustStore(), true, "TLSv9", List.of())))
                .hasMessageContaining("ssl.quorum.protocol=TLSv9");
        assertThatThrownBy(() -> QuorumTls.load(new TlsSettings(good.keyStore(), good.trustStore(), true, "TLSv1.3",
                List.of("TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE"))))
                .hasMessageContaining("ssl.quorum.ciphersuites: [TLS_NO_SUCH_SUITE]");
    }

    @Test
    void wildcardNamesMatchExactlyOneLabel() {
        assertThat(PeerIdentityTrustManager.dnsMatches("*.example.org", "zk1.example.org")).isTrue();
        assertThat(PeerIdentityTrustManager.dnsMatches("*.example.org", "a.zk1.example.org")).isFalse();
        assertThat(PeerIdentityTrustManager.dnsMatches("zk1.example.org", "zk1.example.org")).isTrue();
        assertThat(PeerIdentityTrustManager.dnsMatches("zk1.example.org", "zk2.example.org")).isFalse();
    }
}
