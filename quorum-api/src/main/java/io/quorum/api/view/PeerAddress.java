package io.quorum.api.view;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A host and port as written in zoo.cfg. Kept unresolved so that value types and deterministic
 * cores never trigger a DNS lookup; the transport resolves it when it binds or connects.
 *
 * @param host a host name or IP literal (IPv6 without brackets)
 * @param port a TCP/UDP port, 0 to 65535
 */
public record PeerAddress(String host, int port) {

    public PeerAddress {
        Objects.requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /** The resolved socket address; this may consult DNS. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port}, with IPv6 literals in brackets, as zoo.cfg writes them. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
