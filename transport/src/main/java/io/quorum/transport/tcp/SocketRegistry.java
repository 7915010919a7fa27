package io.quorum.transport.tcp;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every client socket the manager holds, so that each failure path can close what it opened
 * (ZOOKEEPER-2442), shutdown can close what is in flight, and tests can count leaks.
 */
final class SocketRegistry {
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    Socket track(Socket socket) {
        open.add(socket);
        return socket;
    }

    /** Closes quietly; safe to call more than once. */
    void close(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that fails to close.
        } finally {
            open.remove(socket);
        }
    }

    void closeAll() {
        for (Socket socket : List.copyOf(open)) {
            close(socket);
        }
    }

    int openCount() {
        return open.size();
    }
}
