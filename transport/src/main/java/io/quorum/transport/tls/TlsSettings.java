package io.quorum.transport.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code sslQuorum=true} and ZooKeeper's {@code ssl.quorum.*} keys say: where this peer's key
 * and the certificates it trusts are, and which TLS to speak. The key names live here so that
 * every error about the material names the key an operator has to fix.
 *
 * @param keyStore this peer's private key and certificate chain
 * @param trustStore the certificates (usually one CA) that peers must chain to
 * @param hostnameVerification whether a peer's certificate must name the address it connects from
 *     or is dialled at (ZooKeeper's default: true)
 * @param protocol the {@link javax.net.ssl.SSLContext} protocol, e.g. {@code TLSv1.3}
 * @param cipherSuites the enabled cipher suites; empty for the JDK's defaults
 */
public record TlsSettings(Store keyStore, Store trustStore, boolean hostnameVerification, String protocol,
        List<String> cipherSuites) {

    public static final String SSL_QUORUM = "sslQuorum";
    public static final String PREFIX = "ssl.quorum.";
    public static final String KEY_STORE_LOCATION = PREFIX + "keyStore.location";
    public static final String KEY_STORE_PASSWORD = PREFIX + "keyStore.password";
    public static final String KEY_STORE_TYPE = PREFIX + "keyStore.type";
    public static final String TRUST_STORE_LOCATION = PREFIX + "trustStore.location";
    public static final String TRUST_STORE_PASSWORD = PREFIX + "trustStore.password";
    public static final String TRUST_STORE_TYPE = PREFIX + "trustStore.type";
    public static final String HOSTNAME_VERIFICATION = PREFIX + "hostnameVerification";
    public static final String PROTOCOL = PREFIX + "protocol";
    public static final String CIPHER_SUITES = PREFIX + "ciphersuites";
    /** ZooKeeper's default protocol on a JDK that has TLS 1.3. */
    public static final String DEFAULT_PROTOCOL = "TLSv1.3";

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore is null");
        Objects.requireNonNull(trustStore, "trustStore is null");
        Objects.requireNonNull(protocol, "protocol is null");
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** Mutual TLS with ZooKeeper's defaults: hostname verification on, TLSv1.3, the JDK's suites. */
    public static TlsSettings of(Store keyStore, Store trustStore) {
        return new TlsSettings(keyStore, trustStore, true, DEFAULT_PROTOCOL, List.of());
    }

    public TlsSettings withHostnameVerification(boolean value) {
        return new TlsSettings(keyStore, trustStore, value, protocol, cipherSuites);
    }

    /**
     * A key or trust store file.
     *
     * @param locationKey the zoo.cfg key that named the file, for error messages
     * @param location the file
     * @param password its password (may be empty, as keytool allows for trust stores)
     * @param type {@code PKCS12} or {@code JKS}; empty to infer from the file name, as ZooKeeper does
     */
    public record Store(String locationKey, Path location, String password, Optional<String> type) {
        public Store {
            Objects.requireNonNull(locationKey, "locationKey is null");
            Objects.requireNonNull(location, "location is null");
            Objects.requireNonNull(password, "password is null");
            Objects.requireNonNull(type, "type is null");
        }

        /** The key naming this store's password: {@code ...keyStore.password} for {@code ...keyStore.location}. */
        public String passwordKey() {
            return locationKey.replace(".location", ".password");
        }

        /** The key naming this store's type. */
        public String typeKey() {
            return locationKey.replace(".location", ".type");
        }

        @Override
        public String toString() {
            // Never print the password.
            return locationKey + "=" + location;
        }
    }
}
