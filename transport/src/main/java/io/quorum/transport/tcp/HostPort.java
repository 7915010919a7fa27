package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import java.util.Optional;

/**
 * Parses the {@code host:port} parts of an initial message without touching DNS, and recognises
 * wildcard hosts, which must never be dialled back (ZOOKEEPER-2164).
 */
public final class HostPort {
    private static final int MAX_PORT_DIGITS = 5;

    private HostPort() {
    }

    /** {@code host:port} or {@code [ipv6]:port}; empty if it is not one. */
    public static Optional<PeerAddress> parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        return toAddress(host, port);
    }

    private static Optional<PeerAddress> toAddress(String host, String port) {
        if (host.isBlank() || !isHostText(host) || !isPort(port)) {
            return Optional.empty();
        }
        return Optional.of(new PeerAddress(host, Integer.parseInt(port)));
    }

    private static boolean isHostText(String host) {
        return host.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '[' || c == ']' || c == '/' || c == '|');
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > MAX_PORT_DIGITS || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(port) <= 65_535;
    }

    /** True for 0.0.0.0 and any IPv6 literal of all zeros (::, ::0, 0:0:...:0). */
    public static boolean isWildcard(String host) {
        if (host.equals("0.0.0.0")) {
            return true;
        }
        return host.indexOf(':') >= 0 && host.chars().allMatch(c -> c == ':' || c == '0');
    }
}
