package io.quorum.dist.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends {@code srvr} to client ports, as {@code echo srvr | nc host port} does: write the word, read
 * until the peer closes. Every failure becomes a {@link Probe} outcome rather than an exception,
 * because a status tool's job is to report the peers that are down.
 */
public final class SrvrClient {
    /** A srvr answer is a few hundred bytes; anything past this is not one. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** Peers asked at once; more would only open more sockets to the same few hosts. */
    private static final int MAX_PARALLEL = 16;

    private final int timeoutMillis;

    /** @param timeout for the connect and for each read; a peer silent for longer is reported as such */
    public SrvrClient(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive and below 24 days, not " + timeout);
        }
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    /** Asks one peer. */
    public Probe ask(StatusTarget target) {
        InetSocketAddress address = new InetSocketAddress(target.clientAddress().host(), target.clientAddress().port());
        if (address.isUnresolved()) {
            return Probe.unreachable(target, "unknown host " + target.clientAddress().host());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(target, socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return Probe.unreachable(target, "no connection within " + timeoutMillis + " ms");
        } catch (UnknownHostException e) {
            return Probe.unreachable(target, "unknown host " + target.clientAddress().host());
        } catch (IOException e) {
            return Probe.unreachable(target, String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
        }
    }

    /** Everything until EOF; a peer that stops talking without closing is judged on what it sent. */
    private Probe read(StatusTarget target, InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while (answer.size() < MAX_ANSWER_BYTES && (n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            if (answer.size() == 0) {
                return new Probe(target, Probe.Outcome.NO_ANSWER, Optional.empty(),
                        "connected, but no answer within " + timeoutMillis + " ms");
            }
        } catch (IOException e) {
            // A reset after the answer (the peer closed with our bytes unread) still leaves the answer.
            if (answer.size() == 0) {
                throw e;
            }
        }
        return Probe.of(target, answer.toString(StandardCharsets.UTF_8));
    }

    /**
     * Asks every peer, several at once, and returns the probes in the order of {@code targets}.
     * The threads it starts are gone when it returns.
     */
    public List<Probe> askAll(List<StatusTarget> targets) {
        if (targets.size() <= 1) {
            return targets.stream().map(this::ask).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), MAX_PARALLEL), threads());
        try {
            List<Future<Probe>> futures = new ArrayList<>();
            targets.forEach(target -> futures.add(pool.submit(() -> ask(target))));
            List<Probe> probes = new ArrayList<>();
            for (Future<Probe> future : futures) {
                probes.add(future.get());
            }
            return List.copyOf(probes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking peers for srvr", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("asking a peer for srvr failed", e.getCause());
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            // Every task ends within its socket timeouts; this only waits for the threads to exit.
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("srvr threads did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "quorum-status-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
