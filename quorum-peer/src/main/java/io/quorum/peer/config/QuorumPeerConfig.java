package io.quorum.peer.config;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.tls.QuorumTls;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A quorum peer's validated zoo.cfg and myid, with ZooKeeper's keys and defaults. Immutable.
 * Build it with {@link #parse(Path)}; every problem is a {@link ConfigException} naming the key,
 * line or file at fault.
 *
 * @param myId this peer's id, from {@code dataDir/myid}
 * @param view every {@code server.N} line and the verifier (majority, or hierarchical with
 *     {@code group.*}) that says which of them form a quorum
 * @param learnerType this peer's role; its server line wins over a contradicting {@code peerType}
 * @param electionAlg {@code electionAlg} as written: "0" to "3" or an algorithm's name; the
 *     election registry decides whether such an algorithm exists
 * @param tickTime milliseconds per tick
 * @param initLimit ticks a learner may take to connect and sync; 0 only for a lone server
 * @param syncLimit ticks a learner may lag before it is dropped; 0 only for a lone server
 * @param dataDir where {@code myid}, the epoch files and snapshots live
 * @param dataLogDir where the transaction log lives; {@code dataDir} unless set
 * @param clientAddress where clients connect, from the server line's {@code ;client} part or
 *     {@code clientPort}/{@code clientPortAddress}; empty if neither is given
 * @param quorumListenOnAllIPs whether the quorum and election listeners bind the wildcard address
 * @param cnxTimeout connect timeout of the election transport, in milliseconds
 * @param electionProperties the {@code election.*} keys as written, prefix included
 * @param unknownKeys keys this parser does not know, in file order; each was logged as a warning
 * @param warnings every warning the parse logged, in order
 * @param pluginDir {@code plugin.dir}: the directory whose jars add election algorithms, resolved
 *     against the working directory as {@code dataDir} is; empty if unset, which means the
 *     distribution's {@code plugins/} ({@link io.quorum.peer.election.PluginDirectory})
 * @param quorumTls with {@code sslQuorum=true}, the loaded key and trust material that secures the
 *     election connections (TCP algorithms) and the quorum port; empty for plain TCP
 */
public record QuorumPeerConfig(
        long myId,
        QuorumView view,
        LearnerType learnerType,
        String electionAlg,
        int tickTime,
        int initLimit,
        int syncLimit,
        Path dataDir,
        Path dataLogDir,
        Optional<PeerAddress> clientAddress,
        boolean quorumListenOnAllIPs,
        int cnxTimeout,
        Map<String, String> electionProperties,
        List<String> unknownKeys,
        List<String> warnings,
        Optional<Path> pluginDir,

        Optional<QuorumTls> quorumTls) {

    /** ZooKeeper's default tick. */
    public static final int DEFAULT_TICK_TIME = 3000;
    /** ZooKeeper's default {@code cnxTimeout}. */
    public static final int DEFAULT_CNX_TIMEOUT = 5000;
    /** ZooKeeper's default election algorithm, fast leader election. */
    public static final String DEFAULT_ELECTION_ALG = "3";

    public QuorumPeerConfig {
        Objects.requireNonNull(view, "view is null");
        Objects.requireNonNull(learnerType, "learnerType is null");
        Objects.requireNonNull(electionAlg, "electionAlg is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(dataLogDir, "dataLogDir is null");
        Objects.requireNonNull(clientAddress, "clientAddress is null");
        Objects.requireNonNull(pluginDir, "pluginDir is null");
        if (!view.contains(myId)) {
            throw new IllegalArgumentException("My id " + myId + " not in the peer list");
        }
        electionProperties = Collections.unmodifiableMap(new TreeMap<>(electionProperties));
        unknownKeys = List.copyOf(unknownKeys);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(quorumTls, "quorumTls is null");
    }

    /**
     * Reads a zoo.cfg and the myid file of its {@code dataDir}. Relative directories resolve
     * against the working directory, as ZooKeeper resolves them.
     */
    public static QuorumPeerConfig parse(Path zooCfg) throws ConfigException {
        return parse(ConfigFile.read(zooCfg), Path.of("").toAbsolutePath());
    }

    /**
     * Validates already-read entries (keys and values trimmed) and reads the myid file.
     *
     * @param entries zoo.cfg keys to values
     * @param workingDir what relative {@code dataDir}/{@code dataLogDir} values resolve against
     */
    public static QuorumPeerConfig parse(Map<String, String> entries, Path workingDir) throws ConfigException {
        return new ConfigParser(entries, workingDir).parse();
    }

    /** This peer's own server line. */
    public QuorumServer myServer() {
        return view.server(myId).orElseThrow();
    }
}
