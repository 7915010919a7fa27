package io.quorum.peer.config;

import io.quorum.api.LearnerType;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumVerifier;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.tls.QuorumTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass over a zoo.cfg's entries, producing a {@link QuorumPeerConfig} or the first error. */
final class ConfigParser {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumPeerConfig.class);

    static final String TICK_TIME = "tickTime";
    static final String INIT_LIMIT = "initLimit";
    static final String SYNC_LIMIT = "syncLimit";
    static final String DATA_DIR = "dataDir";
    static final String DATA_LOG_DIR = "dataLogDir";
    static final String ELECTION_ALG = "electionAlg";
    static final String PEER_TYPE = "peerType";
    static final String QUORUM_LISTEN_ON_ALL_IPS = "quorumListenOnAllIPs";
    static final String CNX_TIMEOUT = "cnxTimeout";
    static final String ELECTION_PREFIX = "election.";
    static final String PLUGIN_DIR = "plugin.dir";

    private static final Set<String> SCALAR_KEYS = Set.of(TICK_TIME, INIT_LIMIT, SYNC_LIMIT, DATA_DIR, DATA_LOG_DIR,
            ClientAddress.CLIENT_PORT, ClientAddress.CLIENT_PORT_ADDRESS, ELECTION_ALG, PEER_TYPE,
            QUORUM_LISTEN_ON_ALL_IPS, CNX_TIMEOUT, PLUGIN_DIR);
    private static final Pattern ALG_NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern ALG_NAME = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_LEGACY_ALG = 3;
    // ZooKeeper's electionAlg=0 (our "legacy") elects over the quorum port and needs no election port.
    private static final Set<String> ALGS_WITHOUT_ELECTION_PORT = Set.of("0", "legacy");

    private final Path workingDir;
    private final Map<String, String> scalars = new LinkedHashMap<>();
    private final Map<String, String> servers = new LinkedHashMap<>();
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, String> weights = new LinkedHashMap<>();
    private final Map<String, String> electionProperties = new TreeMap<>();
    private final List<String> unknownKeys = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final QuorumTlsKeys tls;

    ConfigParser(Map<String, String> entries, Path workingDir) {
        this.workingDir = workingDir;
        this.tls = new QuorumTlsKeys(workingDir);
        entries.forEach(this::sort);
    }

    private void sort(String key, String value) {
        if (SCALAR_KEYS.contains(key)) {
            scalars.put(key, value);
        } else if (key.startsWith(ServerLine.PREFIX)) {
            servers.put(key, value);
        } else if (key.startsWith(QuorumGroups.GROUP_PREFIX)) {
            groups.put(key, value);
        } else if (key.startsWith(QuorumGroups.WEIGHT_PREFIX)) {
            weights.put(key, value);
        } else if (key.startsWith(ELECTION_PREFIX) && key.length() > ELECTION_PREFIX.length()) {
            electionProperties.put(key, value);
        } else if (QuorumTlsKeys.claims(key)) {
            tls.put(key, value);
        } else {
            unknownKeys.add(key);
        }
    }

    QuorumPeerConfig parse() throws ConfigException {
        unknownKeys.forEach(this::warnUnknown);
        tls.unsupported().forEach(key -> warn("ZooKeeper's quorum TLS key " + key + " is not supported and is ignored"));
        Path dataDir = dataDir();
        Path dataLogDir = optional(DATA_LOG_DIR).map(workingDir::resolve).orElse(dataDir);
        int tickTime = intOrDefault(TICK_TIME, QuorumPeerConfig.DEFAULT_TICK_TIME);
        int cnxTimeout = intOrDefault(CNX_TIMEOUT, QuorumPeerConfig.DEFAULT_CNX_TIMEOUT);
        String electionAlg = electionAlg();
        Optional<LearnerType> peerType = peerType();
        boolean listenOnAllIps = listenOnAllIps();
        QuorumView view = view(electionAlg);
        // Any learner session, observers' included, is bounded by these limits.
        boolean hasLearners = view.servers().size() > 1;
        int initLimit = limit(INIT_LIMIT, hasLearners);
        int syncLimit = limit(SYNC_LIMIT, hasLearners);
        long myId = MyIdFile.read(dataDir);
        QuorumServer me = view.server(myId).orElseThrow(() -> new ConfigException(
                "My id " + myId + " not in the peer list (the server.N lines name " + ids(view) + ")"));
        Optional<QuorumTls> quorumTls = tls.load();
        return new QuorumPeerConfig(myId, view, learnerType(me, peerType), electionAlg, tickTime, initLimit,
                syncLimit, dataDir, dataLogDir,
                ClientAddress.resolve(optional(ClientAddress.CLIENT_PORT), optional(ClientAddress.CLIENT_PORT_ADDRESS), me),
                listenOnAllIps, cnxTimeout, electionProperties, unknownKeys, warnings, pluginDir(), quorumTls);
    }

    /** {@code plugin.dir}, which must be an existing directory when it is set. */
    private Optional<Path> pluginDir() throws ConfigException {
        Optional<Path> dir = optional(PLUGIN_DIR).map(workingDir::resolve);
        if (dir.isPresent() && !java.nio.file.Files.isDirectory(dir.get())) {
            throw new ConfigException(PLUGIN_DIR + " " + dir.get() + " is not a directory");
        }
        return dir;
    }

    /** A scalar key's value; a key present with a blank value is an error, not a default. */
    private Optional<String> optional(String key) throws ConfigException {
        String value = scalars.get(key);
        if (value != null && value.isBlank()) {
            throw new ConfigException(key + " is set but empty");
        }
        return Optional.ofNullable(value);
    }

    private Path dataDir() throws ConfigException {
        String value = scalars.get(DATA_DIR);
        if (value == null || value.isBlank()) {
            throw new ConfigException(DATA_DIR + " is not set");
        }
        return workingDir.resolve(value);
    }

    private int intOrDefault(String key, int defaultValue) throws ConfigException {
        Optional<String> text = optional(key);
        return text.isPresent() ? Values.positiveInt(key, text.get()) : defaultValue;
    }

    private boolean listenOnAllIps() throws ConfigException {
        Optional<String> text = optional(QUORUM_LISTEN_ON_ALL_IPS);
        return text.isPresent() && Values.bool(QUORUM_LISTEN_ON_ALL_IPS, text.get());
    }

    private int limit(String key, boolean required) throws ConfigException {
        Optional<String> text = optional(key);
        if (text.isEmpty() && required) {
            throw new ConfigException(key + " is not set (it is required when there is more than one server)");
        }
        return text.isPresent() ? Values.positiveInt(key, text.get()) : 0;
    }

    /** A number 0-3 (normalised, so "03" is "3") or a name the election registry may know. */
    private String electionAlg() throws ConfigException {
        String text = optional(ELECTION_ALG).orElse(QuorumPeerConfig.DEFAULT_ELECTION_ALG);
        if (ALG_NUMBER.matcher(text).matches()) {
            if (text.startsWith("-") || text.length() > 2 || Integer.parseInt(text) > MAX_LEGACY_ALG) {
                throw new ConfigException(ELECTION_ALG + " " + text + " is out of range: numbers 0-3 are ZooKeeper's"
                        + " algorithms, other algorithms are chosen by name");
            }
            return Integer.toString(Integer.parseInt(text));
        }
        if (!ALG_NAME.matcher(text).matches()) {
            throw new ConfigException(ELECTION_ALG + " '" + text + "' is neither a number 0-3 nor an algorithm name"
                    + " (lower-case letters, digits and '-')");
        }
        return text;
    }

    private Optional<LearnerType> peerType() throws ConfigException {
        Optional<String> text = optional(PEER_TYPE);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LearnerType.fromConfigName(text.get())
                .orElseThrow(() -> new ConfigException(PEER_TYPE + ": Unrecognised peertype: " + text.get())));
    }

    private QuorumView view(String electionAlg) throws ConfigException {
        List<QuorumServer> list = ServerList.parse(servers, !ALGS_WITHOUT_ELECTION_PORT.contains(electionAlg));
        if (list.isEmpty()) {
            throw new ConfigException("no server.N lines: a quorum peer needs at least one server");
        }
        Map<Long, QuorumServer> byId = new TreeMap<>();
        list.forEach(server -> byId.put(server.id(), server));
        if (list.stream().noneMatch(QuorumServer::isParticipant)) {
            throw new ConfigException("Observers w/o participants is an invalid configuration");
        }
        QuorumVerifier verifier = QuorumGroups.verifier(groups, weights, byId);
        int voters = verifier.votingMembers().size();
        if (groups.isEmpty() && voters > 1 && voters % 2 == 0) {
            warn(voters + " participants tolerate no more failures than " + (voters - 1)
                    + "; an odd number of participants is recommended");
        }
        return new QuorumView(list, verifier);
    }

    // ZooKeeper lets the server line win over peerType; so do we, loudly.
    private LearnerType learnerType(QuorumServer me, Optional<LearnerType> peerType) {
        if (peerType.isPresent() && peerType.get() != me.type()) {
            warn(PEER_TYPE + "=" + peerType.get().configName() + " contradicts server." + me.id() + ", which says "
                    + me.type().configName() + "; using the server line");
        }
        return me.type();
    }

    private static String ids(QuorumView view) {
        return view.servers().stream().map(s -> Long.toString(s.id())).toList().toString();
    }

    private void warnUnknown(String key) {
        String hint = SCALAR_KEYS.stream().filter(known -> known.equalsIgnoreCase(key)).findFirst()
                .map(known -> " (did you mean " + known + "?)").orElse("");
        warn("unknown key " + key + " is ignored" + hint);
    }

    private void warn(String message) {
        LOG.warn(message);
        warnings.add(message);
    }
}
