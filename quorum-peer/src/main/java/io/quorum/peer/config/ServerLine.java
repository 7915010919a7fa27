package io.quorum.peer.config;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses one {@code server.N} entry of zoo.cfg:
 * {@code host:quorumPort[:electionPort[:participant|observer]][;[clientHost:]clientPort]}, with
 * IPv6 hosts in brackets. Host names are checked for spelling only and never resolved.
 *
 * <p>A line without an election port parses (ZooKeeper's electionAlg=0 needs none); whether the
 * chosen algorithm can do without one is for the caller to decide.
 */
public final class ServerLine {
    /** The key prefix of server lines. */
    public static final String PREFIX = "server.";
    /** Where a {@code ;port} client part without a host listens: every interface, as in ZooKeeper. */
    public static final String WILDCARD_HOST = "0.0.0.0";

    private ServerLine() {
    }

    /**
     * The server a zoo.cfg entry describes.
     *
     * @param key the entry's key, {@code server.N}
     * @param value the text after the {@code =}, already trimmed
     */
    public static QuorumServer parse(String key, String value) throws ConfigException {
        long id = idOf(key);
        int semicolon = value.indexOf(';');
        if (semicolon >= 0 && value.indexOf(';', semicolon + 1) >= 0) {
            throw new ConfigException(key + " has more than one ';' in '" + value + "'");
        }
        String serverPart = semicolon < 0 ? value : value.substring(0, semicolon).trim();
        Optional<PeerAddress> client = semicolon < 0
                ? Optional.empty()
                : Optional.of(clientAddress(key, value.substring(semicolon + 1).trim()));
        return serverPart(key, id, serverPart, client);
    }

    /** The N of a {@code server.N} key: a non-negative decimal. */
    public static long idOf(String key) throws ConfigException {
        if (!key.startsWith(PREFIX)) {
            throw new ConfigException(key + " is not a server line (expected " + PREFIX + "N)");
        }
        return Values.nonNegativeLong("server id in " + key, key.substring(PREFIX.length()));
    }

    private static QuorumServer serverPart(String key, long id, String text, Optional<PeerAddress> client)
            throws ConfigException {
        HostAndFields parsed = HostAndFields.split(key, text);
        List<String> fields = parsed.fields();
        if (fields.isEmpty() || fields.size() > 3) {
            throw new ConfigException(key + " must look like host:quorumPort:electionPort[:participant|observer]"
                    + "[;[clientHost:]clientPort], not '" + text + "'");
        }
        PeerAddress quorum = new PeerAddress(parsed.host(), Values.port(key + " quorum port", fields.get(0)));
        Optional<PeerAddress> election = Optional.empty();
        if (fields.size() >= 2) {
            election = Optional.of(new PeerAddress(parsed.host(), Values.port(key + " election port", fields.get(1))));
            checkDistinctPorts(key, quorum, election.get());
        }
        LearnerType type = fields.size() == 3 ? learnerType(key, fields.get(2)) : LearnerType.PARTICIPANT;
        return new QuorumServer(id, quorum, election, client, type);
    }

    // ZooKeeper 3.4 starts with equal ports and then fails to bind one of the two listeners.
    private static void checkDistinctPorts(String key, PeerAddress quorum, PeerAddress election)
            throws ConfigException {
        if (quorum.port() == election.port()) {
            throw new ConfigException(key + ": quorum port and election port must be different (both are "
                    + quorum.port() + ")");
        }
    }

    private static LearnerType learnerType(String key, String text) throws ConfigException {
        return LearnerType.fromConfigName(text)
                .orElseThrow(() -> new ConfigException(key + ": Unrecognised peertype: " + text));
    }

    private static PeerAddress clientAddress(String key, String text) throws ConfigException {
        if (text.isEmpty()) {
            throw new ConfigException(key + " has an empty client part after ';'");
        }
        boolean portOnly = !text.startsWith("[") && text.indexOf(':') < 0;
        if (portOnly) {
            return new PeerAddress(WILDCARD_HOST, Values.port(key + " client port", text));
        }
        HostAndFields parsed = HostAndFields.split(key, text);
        if (parsed.fields().size() != 1) {
            throw new ConfigException(key + " client part must be port or host:port, not '" + text + "'");
        }
        return new PeerAddress(parsed.host(), Values.port(key + " client port", parsed.fields().get(0)));
    }

    /** A host (brackets removed from IPv6 literals) and the ':'-separated fields after it. */
    private record HostAndFields(String host, List<String> fields) {

        static HostAndFields split(String key, String text) throws ConfigException {
            return text.startsWith("[") ? bracketed(key, text) : plain(key, text);
        }

        private static HostAndFields bracketed(String key, String text) throws ConfigException {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new ConfigException(key + ": '[' without a closing ']' in '" + text + "'");
            }
            String host = text.substring(1, close);
            if (!HostSyntax.isIpv6Literal(host)) {
                throw new ConfigException(key + ": [" + host + "] is not a valid IPv6 address");
            }
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw new ConfigException(key + ": expected ':' and a port after [" + host + "] in '" + text + "'");
            }
            return new HostAndFields(host, fields(rest.substring(1)));
        }

        private static HostAndFields plain(String key, String text) throws ConfigException {
            int colon = text.indexOf(':');
            String host = (colon < 0 ? text : text.substring(0, colon)).trim();
            if (host.isEmpty()) {
                throw new ConfigException(key + " has no host before the first ':' in '" + text
                        + "' (IPv6 addresses go in brackets, as in [::1]:2888:3888)");
            }
            if (!HostSyntax.isHostName(host)) {
                throw new ConfigException(key + ": '" + host + "' is not a valid host name or IP address");
            }
            return new HostAndFields(host, colon < 0 ? List.of() : fields(text.substring(colon + 1)));
        }

        private static List<String> fields(String text) {
            return Arrays.stream(text.split(":", -1)).map(String::trim).toList();
        }
    }
}
