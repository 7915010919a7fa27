package io.quorum.peer.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the client port server.
 *
 * @param readTimeout how long a connection may take, from accept, to send its four bytes; slow or
 *     silent clients are closed after it, so they cannot hold a handler
 * @param lingerTimeout after answering, how long we wait for the client to close its side before
 *     closing ours; waiting lets the close be a FIN rather than a reset that could discard the
 *     answer in the client's receive buffer
 * @param maxConnections connections served at once; the next ones are closed on accept
 * @param backlog the listen backlog
 */
public record ClientPortSettings(Duration readTimeout, Duration lingerTimeout, int maxConnections, int backlog) {
    /** ZooKeeper's answer comes at once, so a client that needs longer than this is not one. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);
    /** Long enough for a client on the same network to read the answer and close. */
    public static final Duration DEFAULT_LINGER_TIMEOUT = Duration.ofMillis(200);
    /** A few concurrent operators and monitoring agents; this port serves no real clients. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** The JDK's default backlog. */
    public static final int DEFAULT_BACKLOG = 50;

    public ClientPortSettings {
        Objects.requireNonNull(readTimeout, "readTimeout is null");
        Objects.requireNonNull(lingerTimeout, "lingerTimeout is null");
        if (readTimeout.isNegative() || readTimeout.isZero() || lingerTimeout.isNegative() || lingerTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: read " + readTimeout + ", linger "
                    + lingerTimeout);
        }
        if (maxConnections < 1 || backlog < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " and backlog " + backlog
                    + " must be at least 1");
        }
    }

    /** The defaults above. */
    public static ClientPortSettings defaults() {
        return new ClientPortSettings(DEFAULT_READ_TIMEOUT, DEFAULT_LINGER_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_BACKLOG);
    }
}
