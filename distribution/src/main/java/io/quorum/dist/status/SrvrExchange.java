package io.quorum.dist.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code srvr} question on a non-blocking socket: connect, write the word, read until the peer
 * closes, each step within the timeout. It ends in a {@link Probe}, never an exception: a peer that
 * refuses, stays silent or resets is a status to report.
 */
final class SrvrExchange {
    /** A srvr answer is a few hundred bytes; anything past this is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final byte[] WORD = "srvr".getBytes(StandardCharsets.US_ASCII);

    private final StatusTarget target;
    private final int timeoutMillis;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final ByteBuffer word = ByteBuffer.wrap(WORD);
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private SocketChannel channel;
    private boolean connected;
    private long deadlineNanos;
    private Probe probe;

    private SrvrExchange(StatusTarget target, int timeoutMillis, long now) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Starts connecting to {@code target}; the exchange may be done at once (unknown host, refused). */
    static SrvrExchange open(StatusTarget target, Selector selector, int timeoutMillis, long now) {
        SrvrExchange exchange = new SrvrExchange(target, timeoutMillis, now);
        exchange.connect(selector, now);
        return exchange;
    }

    private void connect(Selector selector, long now) {
        String host = target.clientAddress().host();
        InetSocketAddress address = new InetSocketAddress(host, target.clientAddress().port());
        if (address.isUnresolved()) {
            finish(Probe.unreachable(target, "unknown host " + host));
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(address)) {
                connected(key, now);
            }
        } catch (IOException e) {
            finish(Probe.unreachable(target, describe(e)));
        }
    }

    boolean done() {
        return probe != null;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    Probe probe() {
        return probe;
    }

    /** The socket can go on: finish connecting, write the word, or read. */
    void ready(SelectionKey key, long now) {
        if (done()) {
            return;
        }
        try {
            if (!connected) {
                if (key.isConnectable() && channel.finishConnect()) {
                    connected(key, now);
                }
            } else if (word.hasRemaining()) {
                write(key, now);
            } else {
                read(now);
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void connected(SelectionKey key, long now) throws IOException {
        connected = true;
        deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        write(key, now);
    }

    private void write(SelectionKey key, long now) throws IOException {
        channel.write(word);
        key.interestOps(word.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    private void read(long now) throws IOException {
        int n;
        while ((n = channel.read(buffer.clear())) > 0) {
            answer.write(buffer.array(), 0, n);
            deadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            if (answer.size() >= MAX_ANSWER_BYTES) {
                answered();
                return;
            }
        }
        if (n < 0) {
            answered();
        }
    }

    /** Out of time: a peer that stops talking without closing is judged on what it sent. */
    void expireIfLate(long now) {
        if (done() || now - deadlineNanos < 0) {
            return;
        }
        if (!connected) {
            finish(Probe.unreachable(target, "no connection within " + timeoutMillis + " ms"));
        } else if (answer.size() == 0) {
            finish(new Probe(target, Probe.Outcome.NO_ANSWER, Optional.empty(),
                    "connected, but no answer within " + timeoutMillis + " ms"));
        } else {
            answered();
        }
    }

    private void failed(IOException e) {
        // A reset after the answer (the peer closed with our bytes unread) still leaves the answer.
        if (connected && answer.size() > 0) {
            answered();
        } else {
            finish(Probe.unreachable(target, describe(e)));
        }
    }

    private void answered() {
        finish(Probe.of(target, answer.toString(StandardCharsets.UTF_8)));
    }

    private void finish(Probe result) {
        probe = result;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a socket we are done with: nothing is owed to anyone.
            }
        }
    }

    private static String describe(IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    }
}
