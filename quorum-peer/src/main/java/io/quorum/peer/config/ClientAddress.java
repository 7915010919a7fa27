package io.quorum.peer.config;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.util.Locale;
import java.util.Optional;

/**
 * Where this peer serves clients. ZooKeeper 3.5+ takes it from the {@code ;client} part of the
 * peer's own server line or from {@code clientPort}/{@code clientPortAddress}; when both are given
 * they must name the same address, or the peer would listen where its ensemble does not expect.
 */
final class ClientAddress {
    static final String CLIENT_PORT = "clientPort";
    static final String CLIENT_PORT_ADDRESS = "clientPortAddress";

    private ClientAddress() {
    }

    /**
     * @param clientPort the {@code clientPort} value, if set
     * @param clientPortAddress the {@code clientPortAddress} value, if set
     * @param me this peer's server line
     */
    static Optional<PeerAddress> resolve(Optional<String> clientPort, Optional<String> clientPortAddress, QuorumServer me)
            throws ConfigException {
        Optional<PeerAddress> fromKeys = fromKeys(clientPort, clientPortAddress);
        Optional<PeerAddress> fromLine = me.clientAddress();
        if (fromKeys.isPresent() && fromLine.isPresent() && !same(fromKeys.get(), fromLine.get())) {
            throw new ConfigException(CLIENT_PORT + "/" + CLIENT_PORT_ADDRESS + " give " + fromKeys.get()
                    + " but the client part of server." + me.id() + " gives " + fromLine.get() + "; they must agree");
        }
        return fromLine.or(() -> fromKeys);
    }

    private static Optional<PeerAddress> fromKeys(Optional<String> clientPort, Optional<String> clientPortAddress)
            throws ConfigException {
        if (clientPort.isEmpty()) {
            if (clientPortAddress.isPresent()) {
                throw new ConfigException(CLIENT_PORT_ADDRESS + " is set but " + CLIENT_PORT + " is not");
            }
            return Optional.empty();
        }
        int port = Values.port(CLIENT_PORT, clientPort.get());
        String host = clientPortAddress.isPresent() ? host(clientPortAddress.get()) : ServerLine.WILDCARD_HOST;
        return Optional.of(new PeerAddress(host, port));
    }

    private static String host(String text) throws ConfigException {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!HostSyntax.isHostName(host) && !HostSyntax.isIpv6Literal(host)) {
            throw new ConfigException(CLIENT_PORT_ADDRESS + " '" + text + "' is not a valid host name or IP address");
        }
        return host;
    }

    private static boolean same(PeerAddress a, PeerAddress b) {
        return a.port() == b.port() && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT));
    }
}
