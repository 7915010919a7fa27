package io.quorum.peer.ops;

import java.util.Objects;

/**
 * The client port's own numbers at the moment a word is answered; ZooKeeper prints its
 * connection counters in {@code srvr}, {@code stat}, {@code mntr} and {@code conf}.
 *
 * @param boundPort the port the client port server actually listens on (the configured one, or
 *     the one the OS chose for port 0)
 * @param client the asking connection's remote address as Java prints it, e.g.
 *     {@code /127.0.0.1:50244}
 * @param connections connections open right now, the asking one included
 * @param maxConnections how many connections are served at once; more are closed on accept
 * @param received four-letter words received since the server started, this one included
 * @param sent answers sent since the server started, this one not yet included
 */
public record ClientPortStats(int boundPort, String client, int connections, int maxConnections, long received,
        long sent) {

    public ClientPortStats {
        Objects.requireNonNull(client, "client is null");
    }
}
