package io.quorum.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * How the connection manager makes sockets and connects them. The seam lets tests make a
 * connect hang as a black-holed Kubernetes pod does (ZOOKEEPER-3756), and {@link io.quorum.transport.tls.QuorumTls} makes TLS sockets.
 */
public interface SocketFactory {

    /** An unconnected client socket. */
    Socket newSocket() throws IOException;

    /** An unbound server socket. */
    ServerSocket newServerSocket() throws IOException;

    /**
     * Connects within {@code timeoutMillis}. Implementations must give up when the socket is
     * closed by another thread, which is how shutdown ends an attempt in flight.
     */
    default void connect(Socket socket, InetSocketAddress address, int timeoutMillis) throws IOException {
        socket.connect(address, timeoutMillis);
    }

    /**
     * Makes a socket that was just connected or accepted ready for the protocol within
     * {@code timeout}: for TLS, the handshake, which authenticates the peer. Callers run it on a
     * pool or connection thread, never on a listener's accept thread (ZOOKEEPER-3296), and close
     * the socket when it throws. Plain sockets need nothing.
     */
    default void secure(Socket socket, Duration timeout) throws IOException {
    }

    /** Plain TCP sockets. */
    static SocketFactory plain() {
        return new SocketFactory() {
            @Override
            public Socket newSocket() {
                return new Socket();
            }

            @Override
            public ServerSocket newServerSocket() throws IOException {
                return new ServerSocket();
            }
        };
    }
}
