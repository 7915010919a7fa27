package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumView;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ConnectionManager}. Defaults follow ZooKeeper (PROTOCOL.md 2.5-2.7).
 *
 * @param mySid this peer's sid
 * @param view the servers this peer may dial
 * @param electionAddress this peer's election address: advertised in the initial message and,
 *     unless {@code listenOnAllIps}, the address the listener binds
 * @param listenOnAllIps {@code quorumListenOnAllIPs}: bind the wildcard address on the same port
 * @param connectTimeout {@code cnxTimeout}, bound of one TCP connect (ZOOKEEPER-822)
 * @param handshakeTimeout how long an accepted socket may take to send its initial message
 *     ({@code tickTime*syncLimit} in ZooKeeper)
 * @param bindRetries bind attempts before the listener gives up; 0 retries forever
 * @param bindRetryDelay pause between bind attempts
 * @param receiveCapacity messages the inbox holds before dropping the oldest
 * @param sendCapacity payloads queued per destination (ZooKeeper: 1)
 * @param connectThreads most connects in flight at once (3.9.5: 20)
 * @param handshakeThreads most accepted sockets read concurrently
 * @param handshakeBacklog accepted sockets waiting for a handshake thread before new ones are closed
 * @param idleThreadKeepAlive how long idle connect/handshake threads linger
 * @param tcpKeepAlive SO_KEEPALIVE ({@code zookeeper.tcpKeepAlive})
 * @param socketFactory how sockets are made and connected
 */
public record ConnectionManagerConfig(
        long mySid,
        QuorumView view,
        PeerAddress electionAddress,
        boolean listenOnAllIps,
        Duration connectTimeout,
        Duration handshakeTimeout,
        int bindRetries,
        Duration bindRetryDelay,
        int receiveCapacity,
        int sendCapacity,
        int connectThreads,
        int handshakeThreads,
        int handshakeBacklog,
        Duration idleThreadKeepAlive,
        boolean tcpKeepAlive,
        SocketFactory socketFactory) {

    public ConnectionManagerConfig {
        Objects.requireNonNull(view, "view is null");
        Objects.requireNonNull(electionAddress, "electionAddress is null");
        Objects.requireNonNull(socketFactory, "socketFactory is null");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(idleThreadKeepAlive, "idleThreadKeepAlive");
        if (bindRetries < 0 || receiveCapacity < 1 || sendCapacity < 1 || connectThreads < 1
                || handshakeThreads < 1 || handshakeBacklog < 1 || bindRetryDelay.isNegative()) {
            throw new IllegalArgumentException("counts must be positive (bindRetries may be 0): " + this);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    /**
     * ZooKeeper's defaults for a peer whose election address is in the view: 5 s connects, 10 s
     * handshakes (tickTime 2000 x syncLimit 5), 3 bind retries 1 s apart, receive queue 100, send
     * queue 1, 20 connect threads.
     *
     * @throws IllegalArgumentException if the view has no election address for {@code mySid}
     */
    public static ConnectionManagerConfig defaults(long mySid, QuorumView view) {
        PeerAddress own = view.server(mySid).flatMap(s -> s.electionAddress())
                .orElseThrow(() -> new IllegalArgumentException("the view has no election address for sid " + mySid));
        return new ConnectionManagerConfig(mySid, view, own, false, Duration.ofSeconds(5), Duration.ofSeconds(10),
                3, Duration.ofSeconds(1), 100, 1, 20, 8, 64, Duration.ofSeconds(10), false, SocketFactory.plain());
    }

    public ConnectionManagerConfig withListenOnAllIps(boolean value) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, value, connectTimeout, handshakeTimeout,
                bindRetries, bindRetryDelay, receiveCapacity, sendCapacity, connectThreads, handshakeThreads,
                handshakeBacklog, idleThreadKeepAlive, tcpKeepAlive, socketFactory);
    }

    public ConnectionManagerConfig withTimeouts(Duration connect, Duration handshake) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, listenOnAllIps, connect, handshake,
                bindRetries, bindRetryDelay, receiveCapacity, sendCapacity, connectThreads, handshakeThreads,
                handshakeBacklog, idleThreadKeepAlive, tcpKeepAlive, socketFactory);
    }

    public ConnectionManagerConfig withBindRetries(int retries, Duration delay) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, listenOnAllIps, connectTimeout,
                handshakeTimeout, retries, delay, receiveCapacity, sendCapacity, connectThreads, handshakeThreads,
                handshakeBacklog, idleThreadKeepAlive, tcpKeepAlive, socketFactory);
    }

    public ConnectionManagerConfig withQueues(int receive, int send) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, listenOnAllIps, connectTimeout,
                handshakeTimeout, bindRetries, bindRetryDelay, receive, send, connectThreads, handshakeThreads,
                handshakeBacklog, idleThreadKeepAlive, tcpKeepAlive, socketFactory);
    }

    public ConnectionManagerConfig withIdleThreadKeepAlive(Duration keepAlive) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, listenOnAllIps, connectTimeout,
                handshakeTimeout, bindRetries, bindRetryDelay, receiveCapacity, sendCapacity, connectThreads,
                handshakeThreads, handshakeBacklog, keepAlive, tcpKeepAlive, socketFactory);
    }

    public ConnectionManagerConfig withSocketFactory(SocketFactory factory) {
        return new ConnectionManagerConfig(mySid, view, electionAddress, listenOnAllIps, connectTimeout,
                handshakeTimeout, bindRetries, bindRetryDelay, receiveCapacity, sendCapacity, connectThreads,
                handshakeThreads, handshakeBacklog, idleThreadKeepAlive, tcpKeepAlive, factory);
    }

    /** Where the listener binds: the election address, or the wildcard on its port. */
    public PeerAddress listenAddress() {
        return listenOnAllIps ? new PeerAddress("0.0.0.0", electionAddress.port()) : electionAddress;
    }
}
