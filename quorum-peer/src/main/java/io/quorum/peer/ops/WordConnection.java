package io.quorum.peer.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client port connection: read exactly four bytes before a deadline, answer if they
 * are a word we know, close. Every failure ends in a close, never in an exception to the caller,
 * because what arrives on a client port is not under our control (a real ZooKeeper client's
 * ConnectRequest starts with a four-byte length, port scanners send anything).
 */
final class WordConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WordConnection.class);
    private static final int WORD_LENGTH = 4;
    /** Bytes read while lingering; a client still sending after that is cut off. */
    private static final int MAX_DRAIN_BYTES = 8 * 1024;

    /** What the connection needs from its server: the answer for a word, and the answer count. */
    interface Answerer {
        /** The answer for {@code word}, empty to close without one. */
        Optional<String> answer(String word, Socket socket);

        /** Counts an answer as sent. */
        void answered();
    }

    private final Socket socket;
    private final ClientPortSettings settings;
    private final LongSupplier nanoTicker;
    private final Answerer answerer;

    WordConnection(Socket socket, ClientPortSettings settings, LongSupplier nanoTicker, Answerer answerer) {
        this.socket = socket;
        this.settings = settings;
        this.nanoTicker = nanoTicker;
        this.answerer = answerer;
    }

    /** Serves the connection to its end and closes the socket. */
    void serve() {
        try (socket) {
            Optional<byte[]> word = readWord(nanoTicker.getAsLong() + settings.readTimeout().toNanos());
            if (word.isPresent()) {
                respond(word.get());
            }
            closeGracefully();
        } catch (IOException e) {
            // A reset by the client, or our own close on shutdown: nothing is owed to anyone.
            LOG.debug("client port connection from {} ended: {}", remote(), e.toString());
        } catch (RuntimeException e) {
            // A bug in formatting or in the status source; the handler must survive it.
            LOG.warn("failed to answer client port connection from {}", remote(), e);
        }
    }

    private void respond(byte[] word) throws IOException {
        String text = new String(word, StandardCharsets.US_ASCII);
        Optional<String> answer = answerer.answer(text, socket);
        if (answer.isEmpty()) {
            LOG.debug("closing client port connection from {}: 0x{} is no four-letter word we answer", remote(),
                    HexFormat.of().formatHex(word));
            return;
        }
        OutputStream out = socket.getOutputStream();
        out.write(answer.get().getBytes(StandardCharsets.UTF_8));
        out.flush();
        answerer.answered();
        LOG.debug("answered {} from {}", text, remote());
    }

    /** The four bytes, or empty if the client closed or the deadline passed first. */
    private Optional<byte[]> readWord(long deadlineNanos) throws IOException {
        byte[] word = new byte[WORD_LENGTH];
        InputStream in = socket.getInputStream();
        int filled = 0;
        while (filled < WORD_LENGTH) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoTicker.getAsLong());
            if (leftMillis <= 0) {
                LOG.debug("closing client port connection from {}: no word within {}", remote(), settings.readTimeout());
                return Optional.empty();
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            int n;
            try {
                n = in.read(word, filled, WORD_LENGTH - filled);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (n < 0) {
                LOG.debug("client port connection from {} closed after {} byte(s)", remote(), filled);
                return Optional.empty();
            }
            filled += n;
        }
        return Optional.of(word);
    }

    /**
     * Half-closes, then reads what the client still sends until it closes too (bounded in time and
     * bytes). Closing with unread bytes would send a reset, and a reset can make the client's
     * kernel drop an answer it has not read yet; {@code echo srvr | nc} sends a trailing newline.
     */
    private void closeGracefully() throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout((int) Math.max(1, settings.lingerTimeout().toMillis()));
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[512];
        int drained = 0;
        try {
            int n;
            while (drained < MAX_DRAIN_BYTES && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("client port connection from {} did not close within {}", remote(), settings.lingerTimeout());
        }
    }

    private Object remote() {
        return socket.getRemoteSocketAddress();
    }
}
