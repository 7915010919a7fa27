package io.quorum.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority in a directory, made with the JDK's {@code keytool}: a CA
 * key, a trust store holding its certificate, and PKCS12 key stores for peers, each signed by
 * the CA for {@code 127.0.0.1} and {@code localhost}. For {@code quorum ensemble --tls} and the
 * tests; never for production keys (the password sits in the zoo.cfg files it goes with).
 */
public final class ThrowawayPki {
    /** Bounds one keytool run; it normally takes well under a second. */
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
    private static final String CA_ALIAS = "ca";
    private static final String PEER_ALIAS = "peer";
    /** Subject alternative names of peer certificates: where a local ensemble runs. */
    public static final String LOOPBACK_NAMES = "ip:127.0.0.1,dns:localhost";

    private final Path dir;
    private final String name;
    private final String password;
    private final Path caStore;
    private final Path trustStore;

    private ThrowawayPki(Path dir, String name, String password) {
        this.dir = dir;
        this.name = name;
        this.password = password;
        this.caStore = dir.resolve(name + "-ca.p12");
        this.trustStore = dir.resolve(name + "-truststore.p12");
    }

    /**
     * Makes a CA named {@code name} in {@code dir} (created if missing), valid for
     * {@code validityDays}, and a trust store holding its certificate; one random password
     * protects every store it makes.
     */
    public static ThrowawayPki create(Path dir, String name, int validityDays) throws IOException {
        Files.createDirectories(dir);
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        ThrowawayPki pki = new ThrowawayPki(dir, name, HexFormat.of().formatHex(secret));
        pki.makeCa(validityDays);
        return pki;
    }

    private void makeCa(int validityDays) throws IOException {
        Path caCert = dir.resolve(name + "-ca.pem");
        keytool("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name + " throw-away CA", "-ext", "bc:c", "-validity", Integer.toString(validityDays),
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", CA_ALIAS, "-keystore", caStore.toString(), "-storepass", password,
                "-file", caCert.toString());
        keytool("-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", caCert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
    }

    /** A peer key store valid from now for {@code validityDays}, for the loopback addresses. */
    public Path issue(String peer, int validityDays) throws IOException {
        return issue(peer, LOOPBACK_NAMES, "-1H", validityDays);
    }

    /**
     * A peer key store {@code <dir>/<peer>.p12} whose certificate, signed by this CA, names
     * {@code subjectAltNames} (keytool's {@code san=} syntax) and is valid from
     * {@code startDate} (keytool's syntax: {@code -10d} for ten days ago, {@code -1H} for an hour ago) for
     * {@code validityDays}.
     */
    public Path issue(String peer, String subjectAltNames, String startDate, int validityDays) throws IOException {
        Path store = dir.resolve(peer + ".p12");
        Path request = dir.resolve(peer + ".csr");
        Path chain = dir.resolve(peer + "-chain.pem");
        Files.deleteIfExists(store);
        keytool("-genkeypair", "-alias", PEER_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + peer, "-validity", Integer.toString(validityDays),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-certreq", "-alias", PEER_ALIAS, "-keystore", store.toString(), "-storepass", password,
                "-file", request.toString());
        Path signed = dir.resolve(peer + ".pem");
        keytool("-gencert", "-rfc", "-alias", CA_ALIAS, "-keystore", caStore.toString(), "-storepass", password,
                "-infile", request.toString(), "-outfile", signed.toString(),
                "-ext", "san=" + subjectAltNames, "-ext", "ku:c=digitalSignature,keyEncipherment",
                "-ext", "eku=serverAuth,clientAuth", "-startdate", startDate,
                "-validity", Integer.toString(validityDays));
        // The reply is the whole chain, so the key store needs no separate CA entry.
        Files.writeString(chain, Files.readString(dir.resolve(name + "-ca.pem"), StandardCharsets.US_ASCII)
                + Files.readString(signed, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        keytool("-importcert", "-noprompt", "-alias", PEER_ALIAS, "-file", chain.toString(),
                "-keystore", store.toString(), "-storepass", password);
        Files.delete(request);
        Files.delete(signed);
        Files.delete(chain);
        return store;
    }

    /** Adds {@code other}'s CA certificate to this CA's trust store. */
    public void alsoTrust(ThrowawayPki other) throws IOException {
        keytool("-importcert", "-noprompt", "-alias", other.name + "-ca", "-file",
                other.dir.resolve(other.name + "-ca.pem").toString(), "-keystore", trustStore.toString(),
                "-storepass", password);
    }

    /** The trust store holding this CA's certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of every store this CA made. */
    public String password() {
        return password;
    }

    /** Settings for a peer using {@code keyStore} and this CA's trust store. */
    public TlsSettings settings(Path keyStore) {
        return TlsSettings.of(
                new TlsSettings.Store(TlsSettings.KEY_STORE_LOCATION, keyStore, password, Optional.empty()),
                new TlsSettings.Store(TlsSettings.TRUST_STORE_LOCATION, trustStore, password, Optional.empty()));
    }

    /** The zoo.cfg lines that make a peer use {@code keyStore} and this CA's trust store. */
    public List<String> zooCfgLines(Path keyStore) {
        return List.of(
                TlsSettings.SSL_QUORUM + "=true",
                TlsSettings.KEY_STORE_LOCATION + "=" + keyStore,
                TlsSettings.KEY_STORE_PASSWORD + "=" + password,
                TlsSettings.TRUST_STORE_LOCATION + "=" + trustStore,
                TlsSettings.TRUST_STORE_PASSWORD + "=" + password);
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool runs for a moment: a small, quickly started JVM is enough.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-J-XX:+UseSerialGC");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + args[0] + " ran", e);
        }
    }
}
