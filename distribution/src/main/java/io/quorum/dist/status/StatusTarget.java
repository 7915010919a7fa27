package io.quorum.dist.status;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One peer to ask: the address of its client port and, when a zoo.cfg names it, its server id.
 *
 * @param sid the id of the {@code server.N} line this address came from; empty for a bare
 *     {@code host:port}
 * @param clientAddress where the peer answers four-letter words
 */
public record StatusTarget(OptionalLong sid, PeerAddress clientAddress) {
    /** Addresses a server binds to mean "every interface"; no one can dial them. */
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    public StatusTarget {
        Objects.requireNonNull(sid, "sid is null");
        Objects.requireNonNull(clientAddress, "clientAddress is null");
    }

    /**
     * Parses {@code host:port}, with IPv6 literals in brackets ({@code [::1]:2181}).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static StatusTarget parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !text.startsWith(":", close + 1)) {
                throw new IllegalArgumentException("'" + text + "' is not [ipv6]:port");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("'" + text + "' is not host:port (IPv6 addresses go in brackets,"
                        + " as in [::1]:2181)");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host before the port");
        }
        return new StatusTarget(OptionalLong.empty(), new PeerAddress(host, port(text, port)));
    }

    private static int port(String text, String port) {
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("'" + text + "' has no port from 1 to 65535 after the host");
        }
        return Integer.parseInt(port);
    }

    /**
     * Every server of a zoo.cfg, in id order, at its client address. As in ZooKeeper, a server
     * serves clients where the client part of its server line ({@code ;[host:]port}) says, or else
     * on the client port configured for this peer ({@code clientPort}, or the client part of its own
     * line), which all servers are then assumed to share. A wildcard or missing client host means
     * the host of the server line.
     *
     * @throws ConfigException if a server has neither a client part nor a {@code clientPort} to use
     */
    public static List<StatusTarget> fromConfig(QuorumPeerConfig config) throws ConfigException {
        Optional<PeerAddress> configured = config.clientAddress();
        List<StatusTarget> targets = new ArrayList<>();
        List<QuorumServer> servers = config.view().servers().stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
        for (QuorumServer server : servers) {
            String serverHost = server.quorumAddress().host();
            // For this peer, clientPort/clientPortAddress and its own line's client part, merged.
            Optional<PeerAddress> client = server.id() == config.myId() ? configured : server.clientAddress();
            PeerAddress address;
            if (client.isPresent()) {
                address = new PeerAddress(dialable(client.get().host(), serverHost), client.get().port());
            } else if (configured.isPresent()) {
                // clientPortAddress, if set, is this peer's own bind address, not the other servers'.
                address = new PeerAddress(serverHost, configured.get().port());
            } else {
                throw new ConfigException("server." + server.id() + " has no client port: give its line a"
                        + " ;clientPort part or set clientPort");
            }
            targets.add(new StatusTarget(OptionalLong.of(server.id()), address));
        }
        return List.copyOf(targets);
    }

    private static String dialable(String host, String serverHost) {
        return WILDCARDS.contains(host.toLowerCase(Locale.ROOT)) ? serverHost : host;
    }
}
