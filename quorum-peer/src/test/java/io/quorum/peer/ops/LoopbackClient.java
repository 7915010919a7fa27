package io.quorum.peer.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A raw client of the client port on 127.0.0.1, reading answers to EOF as ZooKeeper's tools do. */
final class LoopbackClient implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final int TIMEOUT_MILLIS = 5_000;

    private final Socket socket = new Socket();

    LoopbackClient(int port) {
        try {
            socket.connect(new InetSocketAddress(HOST, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code word} and returns the whole answer. */
    static String ask(int port, String word) {
        return exchange(port, word.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends {@code bytes}, half-closes and reads to EOF; a reset counts as an empty answer. */
    static String exchange(int port, byte[] bytes) {
        try (LoopbackClient client = new LoopbackClient(port)) {
            client.send(bytes);
            client.socket.shutdownOutput();
            return client.readToEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything until the server closes. A reset is a close too (the server may close a
     * connection it refused while our bytes are unread); a timeout is not, it fails the test.
     */
    String readToEnd() {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).contains("reset")) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** The start of a real ZooKeeper client's ConnectRequest: a length, then the request. */
    static byte[] zooKeeperConnectRequest() {
        ByteBuffer request = ByteBuffer.allocate(4 + 44 + 1);
        request.putInt(44 + 1);
        request.putInt(0); // protocol version
        request.putLong(0); // last zxid seen
        request.putInt(30_000); // session timeout
        request.putLong(0); // session id
        request.putInt(16).put(new byte[16]); // password
        request.put((byte) 0); // read-only
        return request.array();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
