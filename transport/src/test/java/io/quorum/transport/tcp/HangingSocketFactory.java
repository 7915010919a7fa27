package io.quorum.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects normally except to one port, where connect hangs until the timeout or until the
 * socket is closed: the black-holed pod of ZOOKEEPER-3756.
 */
final class HangingSocketFactory implements SocketFactory {
    private final int blackHoledPort;
    final AtomicInteger hanging = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    HangingSocketFactory(int blackHoledPort) {
        this.blackHoledPort = blackHoledPort;
    }

    @Override
    public Socket newSocket() {
        return new Socket();
    }

    @Override
    public ServerSocket newServerSocket() throws IOException {
        return new ServerSocket();
    }

    @Override
    public void connect(Socket socket, InetSocketAddress address, int timeoutMillis) throws IOException {
        if (address.getPort() != blackHoledPort) {
            socket.connect(address, timeoutMillis);
            return;
        }
        hanging.incrementAndGet();
        try {
            for (int waited = 0; waited < timeoutMillis && !socket.isClosed(); waited += 5) {
                never.await(5, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hanging.decrementAndGet();
        }
        throw new SocketTimeoutException("black-holed connect to " + address);
    }
}
