package io.quorum.transport.testing;

import io.quorum.transport.tls.QuorumTls;
import io.quorum.transport.tls.ThrowawayPki;
import io.quorum.transport.tls.TlsConfigException;
import io.quorum.transport.tls.TlsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Throw-away certificates for the tests, made by keytool once per test JVM in a temporary
 * directory (deleted at exit) and only when a test first asks: a trusted CA with a loopback peer
 * certificate, an expired one and one for another address, and a second CA nobody trusts.
 */
public final class TestCertificates {
    private static final Path DIR = temporaryDirectory();
    private static final Map<String, Object> MADE = new HashMap<>();

    private TestCertificates() {
    }

    /** The CA every well-configured test peer trusts. */
    public static synchronized ThrowawayPki trusted() {
        return (ThrowawayPki) made("trusted", () -> ca("trusted"));
    }

    /** A CA the trusted peers do not trust. */
    public static synchronized ThrowawayPki rogue() {
        return (ThrowawayPki) made("rogue", () -> {
            ThrowawayPki rogue = ca("rogue");
            rogue.alsoTrust(trusted());
            return rogue;
        });
    }

    /** A trusted key store for 127.0.0.1 and localhost. */
    public static synchronized Path peerKeyStore() {
        return issued("peer", () -> trusted().issue("peer", 30));
    }

    /** A trusted key store whose certificate expired yesterday. */
    public static synchronized Path expiredKeyStore() {
        return issued("expired", () -> trusted().issue("expired", ThrowawayPki.LOOPBACK_NAMES, "-10d", 9));
    }

    /** A trusted key store for 127.0.0.2 only. */
    public static synchronized Path otherAddressKeyStore() {
        return issued("other-address", () -> trusted().issue("other-address", "ip:127.0.0.2", "-1H", 30));
    }

    /** A loopback key store signed by the rogue CA; its trust store trusts the rogue CA only. */
    public static synchronized Path rogueKeyStore() {
        return issued("rogue-peer", () -> rogue().issue("rogue-peer", 30));
    }

    /** Settings of a well-configured peer. */
    public static synchronized TlsSettings peerSettings() {
        return trusted().settings(peerKeyStore());
    }

    /** A peer whose certificate the others do not trust; it trusts both CAs itself, so it would talk. */
    public static synchronized TlsSettings rogueSettings() {
        return rogue().settings(rogueKeyStore());
    }

    public static QuorumTls load(TlsSettings settings) {
        try {
            return QuorumTls.load(settings);
        } catch (TlsConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Make {
        Object run() throws IOException;
    }

    private static Path issued(String name, Make issue) {
        return (Path) made(name, issue);
    }

    /** Callers hold the class lock; a maker may ask for what it depends on (its CA) first. */
    private static Object made(String name, Make make) {
        Object existing = MADE.get(name);
        if (existing != null) {
            return existing;
        }
        try {
            Object value = make.run();
            MADE.put(name, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThrowawayPki ca(String name) throws IOException {
        return ThrowawayPki.create(DIR.resolve(name), name, 30);
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("quorum-test-pki-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "quorum-test-pki-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory; the OS cleans up what is left.
        }
    }
}
