package io.quorum.dist.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code srvr} to client ports, as {@code echo srvr | nc host port} does: write the word, read
 * until the peer closes. Every failure becomes a {@link Probe} outcome rather than an exception,
 * because a status tool's job is to report the peers that are down.
 */
public final class SrvrClient {
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
        return askAll(List.of(target)).get(0);
    }

    /**
     * Asks every peer at once, from this thread over non-blocking sockets, and returns the probes
     * in the order of {@code targets}. A benchmark polls five peers every 2 ms while they fail
     * over on two cores; handing each question to a pool thread cost the poller more CPU (530
     * against 370 µs per poll of four idle peers, measured).
     */
    public List<Probe> askAll(List<StatusTarget> targets) {
        try (Selector selector = Selector.open()) {
            long now = System.nanoTime();
            List<SrvrExchange> exchanges = new ArrayList<>();
            for (StatusTarget target : targets) {
                exchanges.add(SrvrExchange.open(target, selector, timeoutMillis, now));
            }
            while (exchanges.stream().anyMatch(exchange -> !exchange.done())) {
                awaitReady(selector, exchanges);
            }
            return exchanges.stream().map(SrvrExchange::probe).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector to ask peers for srvr", e);
        }
    }

    /** One wait for sockets that can go on, then each exchange that is ready or out of time moves. */
    private static void awaitReady(Selector selector, List<SrvrExchange> exchanges) throws IOException {
        long now = System.nanoTime();
        long nextDeadline = exchanges.stream().filter(exchange -> !exchange.done())
                .mapToLong(SrvrExchange::deadlineNanos).min().orElse(now);
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(nextDeadline - now) + 1;
        if (nextDeadline - now > 0) {
            selector.select(waitMillis);
        }
        now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
            ((SrvrExchange) key.attachment()).ready(key, now);
        }
        selector.selectedKeys().clear();
        for (SrvrExchange exchange : exchanges) {
            exchange.expireIfLate(now);
        }
    }
}
