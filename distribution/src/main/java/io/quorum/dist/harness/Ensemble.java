package io.quorum.dist.harness;

import io.quorum.dist.harness.FourLetterWords.Mode;
import io.quorum.dist.harness.FourLetterWords.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Real peers (ZooKeeper's or ours) of one configured view, sids 1..n, each in its own process and
 * directory, all with the same {@link ZooConfig} (the election algorithm, among others).
 */
public final class Ensemble implements AutoCloseable {

    /** srvr answers within a millisecond on loopback; a coarse poll would blur the timings. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final ZooConfig config;
    private final List<PeerProcess> peers = new ArrayList<>();

    private Ensemble(ZooConfig config) {
        this.config = config;
    }

    /** Starts one peer per entry, sid i+1 running runtimes.get(i); all peers see the same view. */
    public static Ensemble start(List<? extends PeerRuntime> runtimes, Path root) throws IOException {
        List<PeerAddress> view = FreePorts.peers(runtimes.size());
        return start(view, view, peer -> runtimes.get((int) peer.sid() - 1), root);
    }

    /**
     * Starts ZooKeeper only for the {@code started} members of {@code view}; the other members
     * are left to someone else (our own election, in the mixed-ensemble tests), so every peer
     * still sees the whole view.
     */
    public static Ensemble startSome(PeerRuntime runtime, List<PeerAddress> view, List<PeerAddress> started,
            Path root) throws IOException {
        return start(view, started, peer -> runtime, root);
    }

    public static Ensemble start(List<PeerAddress> view, List<PeerAddress> started,
            Function<PeerAddress, ? extends PeerRuntime> runtimeOf, Path root) throws IOException {
        return start(ZooConfig.DEFAULT, view, started, runtimeOf, root);
    }

    /**
     * Starts the {@code started} members of {@code view}, each running the runtime {@code runtimeOf} names, all
     * with {@code config}'s zoo.cfg settings, which {@link #launch} and {@link #restart} keep.
     */
    public static Ensemble start(ZooConfig config, List<PeerAddress> view, List<PeerAddress> started,
            Function<PeerAddress, ? extends PeerRuntime> runtimeOf, Path root) throws IOException {
        Ensemble ensemble = new Ensemble(config);
        try {
            ensemble.launch(view, started, runtimeOf, root);
            return ensemble;
        } catch (IOException | RuntimeException e) {
            ensemble.close();
            throw e;
        }
    }

    /**
     * Starts more members of {@code view}, with this ensemble's settings; the caller closes the
     * ensemble if this fails.
     */
    public void launch(List<PeerAddress> view, List<PeerAddress> started, Function<PeerAddress, ? extends PeerRuntime> runtimeOf,
            Path root) throws IOException {
        for (PeerAddress peer : started) {
            Path dir = Files.createDirectories(root.resolve("peer-" + peer.sid()));
            peers.add(PeerProcess.start(config, runtimeOf.apply(peer), peer, view, dir));
        }
    }

    public static Ensemble start(PeerRuntime runtime, int size, Path root) throws IOException {
        return start(ZooConfig.DEFAULT, runtime, size, root);
    }

    /** {@code size} peers of {@code runtime}, sids 1..size on fresh ports, with {@code config}'s settings. */
    public static Ensemble start(ZooConfig config, PeerRuntime runtime, int size, Path root) throws IOException {
        List<PeerAddress> view = FreePorts.peers(size);
        return start(config, view, view, peer -> runtime, root);
    }

    /** The zoo.cfg settings every member of this ensemble runs with. */
    public ZooConfig config() {
        return config;
    }

    public List<PeerProcess> peers() {
        return Collections.unmodifiableList(peers);
    }

    /** Restarts a peer that has exited, in its place in {@link #peers()}. */
    public PeerProcess restart(PeerProcess exited) throws IOException {
        int index = peers.indexOf(exited);
        if (index < 0) {
            throw new IllegalArgumentException(exited + " is not in this ensemble");
        }
        PeerProcess restarted = exited.restart();
        peers.set(index, restarted);
        return restarted;
    }

    /** The peer with this sid. */
    public PeerProcess peer(long sid) {
        return peers.stream().filter(peer -> peer.sid() == sid).findFirst().orElseThrow();
    }

    public List<PeerProcess> alive() {
        return peers.stream().filter(PeerProcess::isAlive).toList();
    }

    /**
     * Waits until, among the live peers, exactly one says {@code leader} and every other one
     * says {@code follower} (or {@code observer}); returns the leader. On timeout the failure carries every peer's
     * status and log tail.
     */
    public PeerProcess awaitStableLeader(Duration atMost) {
        return awaitStableLeader(atMost, POLL_INTERVAL);
    }

    /** As {@link #awaitStableLeader(Duration)}, polling every {@code pollInterval}. */
    public PeerProcess awaitStableLeader(Duration atMost, Duration pollInterval) {
        return awaitStable(atMost, pollInterval).leader();
    }

    /**
     * As {@link #awaitStableLeader(Duration, Duration)}, with what every live peer answered in the
     * poll that found the ensemble stable.
     *
     * @throws IllegalStateException on timeout, or at once when every peer process has exited, with
     *     every peer's status and log tail
     */
    public Stable awaitStable(Duration atMost, Duration pollInterval) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            Optional<Stable> stable = stable();
            if (stable.isPresent()) {
                return stable.get();
            }
            if (alive().isEmpty()) {
                // Nothing can lead any more: say so now rather than after the whole bound.
                throw new IllegalStateException("no stable leader: every peer process has exited\n" + describe());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no stable leader within " + atMost + "\n" + describe());
            }
            // Polling is how the leader is seen from outside, the same for every runtime.
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    /**
     * A stable ensemble as one poll saw it.
     *
     * @param leader the one peer that leads
     * @param statuses every live peer's srvr answer, in {@link #peers()} order
     */
    public record Stable(PeerProcess leader, Map<PeerProcess, Status> statuses) {
    }

    private Optional<Stable> stable() {
        Map<PeerProcess, Status> statuses = statuses(alive());
        List<PeerProcess> leaders = statuses.entrySet().stream()
                .filter(entry -> entry.getValue().mode() == Mode.LEADER)
                .map(Map.Entry::getKey)
                .toList();
        long followers = statuses.values().stream()
                .filter(status -> status.mode() == Mode.FOLLOWER || status.mode() == Mode.OBSERVER).count();
        boolean stable = leaders.size() == 1 && followers == statuses.size() - 1;
        return stable ? Optional.of(new Stable(leaders.get(0), statuses)) : Optional.empty();
    }

    /**
     * Asks the live peers for srvr at once: one after another, a poll of five loaded peers took
     * 5-15 ms, so a poll saw the ensemble over that span and ended that much after it settled.
     */
    private Map<PeerProcess, Status> statuses(List<PeerProcess> asked) {
        List<Status> answers = FourLetterWords.srvrAll(asked.stream().map(peer -> peer.address().clientPort()).toList());
        Map<PeerProcess, Status> statuses = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            statuses.put(asked.get(i), answers.get(i));
        }
        return statuses;
    }

    /** Every peer's current srvr answer and the tail of its log. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (PeerProcess peer : peers) {
            String status = peer.isAlive() ? peer.status().toString() : "DEAD";
            out.append("==== ").append(peer).append(": ").append(status).append('\n')
                    .append(peer.logTail()).append('\n');
        }
        return out.toString();
    }

    /** Stops every peer, even if stopping one of them fails. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (PeerProcess peer : peers) {
            try {
                peer.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
