package io.quorum.transport.support;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ports {@code first..last}, both included; and the kernel's ephemeral range, the ports it gives
 * outgoing connections. A server port inside that range can be taken by any process's outgoing
 * connection while nothing listens on it (a peer that is down, a quorum port before its peer
 * leads), and stays taken in TIME_WAIT for a minute after that connection closes.
 */
public record PortRange(int first, int last) {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** IANA's dynamic range, taken for the ephemeral range where the kernel's cannot be read (macOS, Windows). */
    private static final PortRange IANA_DYNAMIC = new PortRange(49_152, 65_535);
    private static final PortRange EPHEMERAL = readEphemeral();

    public PortRange {
        if (first < 1 || last > 65_535 || first > last) {
            throw new IllegalArgumentException("not a port range: " + first + ".." + last);
        }
    }

    /** The kernel's ephemeral range, read once from procfs where there is one. */
    public static PortRange ephemeral() {
        return EPHEMERAL;
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /**
     * What to add to the message of a bind that failed with {@code failure} when {@code port} lies
     * in the ephemeral range and the port was in use: the likely cause an operator would not
     * guess. Empty otherwise.
     */
    public static String bindHint(int port, Throwable failure) {
        PortRange ephemeral = ephemeral();
        if (!(failure instanceof BindException) || !ephemeral.contains(port)) {
            return "";
        }
        return " (port " + port + " lies in the kernel's ephemeral range " + ephemeral + ", where any outgoing"
                + " connection may take it while nothing listens on it; configure ports below " + ephemeral.first() + ")";
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }

    private static PortRange readEphemeral() {
        try {
            // Not readString: procfs reports a size of 0, and readString returned "3" of "32768\t60999".
            String[] bounds = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
        } catch (IOException | RuntimeException e) {
            return IANA_DYNAMIC;
        }
    }
}
