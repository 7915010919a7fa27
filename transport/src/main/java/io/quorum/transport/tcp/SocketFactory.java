package io.quorum.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * How the connection manager makes sockets and connects them. The seam lets tests make a
 * connect hang as a black-holed Kubernetes pod does (ZOOKEEPER-3756), and leaves room for TLS.
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
