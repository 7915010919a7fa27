package io.quorum.peer.config;

import io.quorum.transport.tls.QuorumTls;
import io.quorum.transport.tls.TlsConfigException;
import io.quorum.transport.tls.TlsSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ZooKeeper's {@code sslQuorum} and {@code ssl.quorum.*} keys. With {@code sslQuorum=true} the
 * key and trust stores are opened while the configuration is read, so a missing file, a wrong
 * password or an expired certificate is a configuration error naming the key and the file, and
 * the peer never starts half-secured.
 */
final class QuorumTlsKeys {
    private static final Set<String> KNOWN = Set.of(TlsSettings.SSL_QUORUM, TlsSettings.KEY_STORE_LOCATION,
            TlsSettings.KEY_STORE_PASSWORD, TlsSettings.KEY_STORE_TYPE, TlsSettings.TRUST_STORE_LOCATION,
            TlsSettings.TRUST_STORE_PASSWORD, TlsSettings.TRUST_STORE_TYPE, TlsSettings.HOSTNAME_VERIFICATION,
            TlsSettings.PROTOCOL, TlsSettings.CIPHER_SUITES);

    private final Map<String, String> entries = new LinkedHashMap<>();
    private final Path workingDir;

    QuorumTlsKeys(Path workingDir) {
        this.workingDir = workingDir;
    }

    /** Whether {@code key} is one of ours (ZooKeeper's quorum TLS keys we do not support included). */
    static boolean claims(String key) {
        return key.equals(TlsSettings.SSL_QUORUM) || key.startsWith(TlsSettings.PREFIX);
    }

    void put(String key, String value) {
        entries.put(key, value);
    }

    /** ZooKeeper quorum TLS keys this peer does not implement; the caller warns about them. */
    List<String> unsupported() {
        return entries.keySet().stream().filter(key -> !KNOWN.contains(key)).toList();
    }

    /** The loaded TLS material when {@code sslQuorum=true}, else empty (the other keys are then unused). */
    Optional<QuorumTls> load() throws ConfigException {
        String enabled = value(TlsSettings.SSL_QUORUM).orElse("false");
        if (!Values.bool(TlsSettings.SSL_QUORUM, enabled)) {
            return Optional.empty();
        }
        TlsSettings settings = new TlsSettings(
                store(TlsSettings.KEY_STORE_LOCATION, TlsSettings.KEY_STORE_PASSWORD, TlsSettings.KEY_STORE_TYPE),
                store(TlsSettings.TRUST_STORE_LOCATION, TlsSettings.TRUST_STORE_PASSWORD, TlsSettings.TRUST_STORE_TYPE),
                Values.bool(TlsSettings.HOSTNAME_VERIFICATION, value(TlsSettings.HOSTNAME_VERIFICATION).orElse("true")),
                value(TlsSettings.PROTOCOL).orElse(TlsSettings.DEFAULT_PROTOCOL),
                value(TlsSettings.CIPHER_SUITES).map(QuorumTlsKeys::commaList).orElse(List.of()));
        try {
            return Optional.of(QuorumTls.load(settings));
        } catch (TlsConfigException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private TlsSettings.Store store(String locationKey, String passwordKey, String typeKey) throws ConfigException {
        String location = value(locationKey).orElseThrow(() -> new ConfigException(TlsSettings.SSL_QUORUM
                + "=true needs " + locationKey + " (mutual TLS: every peer presents a certificate and checks the"
                + " others' against its trust store)"));
        // A password may be empty; ZooKeeper treats a missing one as empty.
        return new TlsSettings.Store(locationKey, workingDir.resolve(location),
                entries.getOrDefault(passwordKey, ""), value(typeKey));
    }

    private Optional<String> value(String key) throws ConfigException {
        String value = entries.get(key);
        if (value != null && value.isBlank()) {
            throw new ConfigException(key + " is set but empty");
        }
        return Optional.ofNullable(value);
    }

    private static List<String> commaList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
