package io.quorum.dist.ensemble;

import io.quorum.transport.tls.ThrowawayPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code quorum ensemble --tls}: a throw-away CA under {@code <dataDir>/tls}, a key store per peer
 * signed by it for 127.0.0.1, and ZooKeeper's sslQuorum keys added to every peer's zoo.cfg, so the
 * election and quorum ports run mutual TLS. The keys are made fresh for every run.
 */
public final class EnsembleTls {
    /** Long enough for any demo; the certificates are thrown away with the data directory. */
    private static final int VALIDITY_DAYS = 30;

    private EnsembleTls() {
    }

    /** The directory the CA and key stores go in. */
    public static Path directory(EnsembleLayout layout) {
        return layout.dataDir().resolve("tls");
    }

    /** Makes the CA and each peer's key store, and appends the TLS keys to the written zoo.cfg files. */
    public static void secure(EnsembleLayout layout) throws IOException {
        ThrowawayPki ca = ThrowawayPki.create(directory(layout), "quorum-ensemble", VALIDITY_DAYS);
        for (int sid = 1; sid <= layout.peers(); sid++) {
            Path keyStore = ca.issue("peer-" + sid, VALIDITY_DAYS);
            Files.write(layout.configFile(sid), ca.zooCfgLines(keyStore), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
    }
}
