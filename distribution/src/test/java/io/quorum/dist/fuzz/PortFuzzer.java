package io.quorum.dist.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sends fuzz cases to one live port. A TCP case is one connection: connect, write the input,
 * wait briefly for the peer to close (it usually does, on garbage), then reset the connection
 * (SO_LINGER 0, so a hundred thousand cases leave no TIME_WAIT behind). A UDP case is one
 * datagram. A case fails when the port stops taking connections; what the peer does with the
 * bytes is judged afterwards, by the campaign's checks of the whole ensemble.
 */
public final class PortFuzzer {
    /** How long a case waits for the peer to close before resetting the connection itself. */
    private static final int CLOSE_WAIT_MILLIS = 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** After this many datagrams a UDP sender yields, so the receiver's buffer is not all that is tested. */
    private static final int DATAGRAM_BURST = 64;

    /** What a run of cases did. */
    public record Result(String port, long cases, long closedByPeer, long failures, String firstFailure) {
        @Override
        public String toString() {
            return String.format("%-34s %,9d cases  %,9d closed by the peer  %d failures%s", port, cases, closedByPeer,
                    failures, failures == 0 ? "" : " (first: " + firstFailure + ")");
        }
    }

    private PortFuzzer() {
    }

    /**
     * {@code cases} TCP cases from {@code threads} senders, case i made by {@code input} from a
     * generator seeded with {@code seed + i}, so any single case can be replayed.
     *
     * @param localAddress the address cases connect from (a non-member address such as 127.0.0.2)
     */
    public static Result tcp(String name, InetSocketAddress target, String localAddress, int cases, long seed, int threads,
            Function<SplittableRandom, byte[]> input) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        StringBuffer first = new StringBuffer();
        run(threads, () -> {
            for (long i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
                byte[] bytes = input.apply(new SplittableRandom(seed + i));
                try {
                    if (oneConnection(target, localAddress, bytes)) {
                        closed.incrementAndGet();
                    }
                } catch (IOException e) {
                    if (failures.getAndIncrement() == 0) {
                        first.append("case ").append(seed + i).append(": ").append(e);
                    }
                }
            }
        });
        return new Result(name, cases, closed.get(), failures.get(), first.toString());
    }

    /** Returns whether the peer closed the connection; throws only if the connection could not be made. */
    private static boolean oneConnection(InetSocketAddress target, String localAddress, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(target, CONNECT_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                socket.setSoTimeout(CLOSE_WAIT_MILLIS);
                InputStream in = socket.getInputStream();
                byte[] sink = new byte[4096];
                while (in.read(sink) >= 0) {
                    // Answers (four-letter words, a vote for a non-voter) are read and dropped.
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException resetOrClosed) {
                // The peer closed or reset while we wrote: it refused the input, as it may.
                return true;
            }
        }
    }

    /** {@code cases} datagrams; case i made from seed {@code seed + i}. */
    public static Result udp(String name, InetSocketAddress target, int cases, long seed, int threads,
            Function<SplittableRandom, byte[]> input) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        StringBuffer first = new StringBuffer();
        run(threads, () -> {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
                long sent = 0;
                for (long i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
                    byte[] bytes = input.apply(new SplittableRandom(seed + i));
                    try {
                        socket.send(new DatagramPacket(bytes, bytes.length, target));
                    } catch (IOException e) {
                        // ICMP port unreachable from an earlier datagram shows up here: the port is gone.
                        if (failures.getAndIncrement() == 0) {
                            first.append("case ").append(seed + i).append(": ").append(e);
                        }
                    }
                    if (++sent % DATAGRAM_BURST == 0) {
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a datagram socket on 127.0.0.2", e);
            }
        });
        return new Result(name, cases, 0, failures.get(), first.toString());
    }

    /**
     * A flood: {@code connections} connections opened as fast as possible and held open together,
     * then reset. Returns how many could not be opened (the listener's backlog may refuse some;
     * the peer must survive and serve afterwards, which the campaign checks).
     */
    public static Result flood(String name, InetSocketAddress target, int connections) {
        List<Socket> open = new ArrayList<>();
        long refused = 0;
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                try {
                    socket.setSoLinger(true, 0);
                    socket.bind(new InetSocketAddress("127.0.0.2", 0));
                    socket.connect(target, CONNECT_TIMEOUT_MILLIS);
                    open.add(socket);
                } catch (IOException e) {
                    refused++;
                    closeQuietly(socket);
                }
            }
        } finally {
            open.forEach(PortFuzzer::closeQuietly);
        }
        // A full backlog is the kernel's doing, not a failure of the peer.
        return new Result(name + " flood", connections, 0, 0, refused == 0 ? "" : refused + " refused by the backlog");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // A reset socket; nothing to do.
        }
    }

    private static void run(int threads, Runnable body) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "fuzz-sender"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(body));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a fuzz sender failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
