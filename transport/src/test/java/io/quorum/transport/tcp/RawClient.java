package io.quorum.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A hand-driven client socket for feeding bytes to a manager's election port. */
final class RawClient implements AutoCloseable {
    private final Socket socket = new Socket();

    RawClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** A client connecting from {@code localAddress} (any 127.x.y.z works on loopback). */
    RawClient(String localAddress, int port) throws IOException {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(50);
    }

    RawClient write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Whether the other side has closed (EOF or reset); false while it is still open. */
    boolean closedByPeer() {
        try {
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read();
            } while (read >= 0);
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads up to the wanted number of bytes, giving up at a read timeout. */
    byte[] readAvailable(int wanted) throws IOException {
        byte[] buffer = new byte[wanted];
        int filled = 0;
        try {
            while (filled < wanted) {
                int n = socket.getInputStream().read(buffer, filled, wanted - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
        } catch (SocketTimeoutException notYet) {
            // return what arrived
        }
        return java.util.Arrays.copyOf(buffer, filled);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
