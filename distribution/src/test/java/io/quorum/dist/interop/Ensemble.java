package io.quorum.dist.interop;

import static org.awaitility.Awaitility.await;

import io.quorum.dist.interop.FourLetterWords.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real peers (ZooKeeper's or ours) of one configured view, sids 1..n, each in its own process and
 * directory, all with the same {@link ZooConfig} (the election algorithm, among others).
 */
final class Ensemble implements AutoCloseable {

    /** srvr answers within a millisecond on loopback; a coarse poll would blur the timings. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final ZooConfig config;
    private final List<PeerProcess> peers = new ArrayList<>();

    private Ensemble(ZooConfig config) {
        this.config = config;
    }

    /** Starts one peer per entry, sid i+1 running runtimes.get(i); all peers see the same view. */
    static Ensemble start(List<? extends PeerRuntime> runtimes, Path root) throws IOException {
        List<PeerAddress> view = FreePorts.peers(runtimes.size());
        return start(view, view, peer -> runtimes.get((int) peer.sid() - 1), root);
    }

    /**
     * Starts ZooKeeper only for the {@code started} members of {@code view}; the other members
     * are left to someone else (our own election, in the mixed-ensemble tests), so every peer
     * still sees the whole view.
     */
    static Ensemble startSome(PeerRuntime runtime, List<PeerAddress> view, List<PeerAddress> started,
            Path root) throws IOException {
        return start(view, started, peer -> runtime, root);
    }

    static Ensemble start(List<PeerAddress> view, List<PeerAddress> started,
            Function<PeerAddress, ? extends PeerRuntime> runtimeOf, Path root) throws IOException {
        return start(ZooConfig.DEFAULT, view, started, runtimeOf, root);
    }

    /**
     * Starts the {@code started} members of {@code view}, each running the runtime {@code runtimeOf} names, all
     * with {@code config}'s zoo.cfg settings, which {@link #launch} and {@link #restart} keep.
     */
    static Ensemble start(ZooConfig config, List<PeerAddress> view, List<PeerAddress> started,
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
    void launch(List<PeerAddress> view, List<PeerAddress> started, Function<PeerAddress, ? extends PeerRuntime> runtimeOf,
            Path root) throws IOException {
        for (PeerAddress peer : started) {
            Path dir = Files.createDirectories(root.resolve("peer-" + peer.sid()));
            peers.add(PeerProcess.start(config, runtimeOf.apply(peer), peer, view, dir));
        }
    }

    static Ensemble start(PeerRuntime runtime, int size, Path root) throws IOException {
        return start(ZooConfig.DEFAULT, runtime, size, root);
    }

    /** {@code size} peers of {@code runtime}, sids 1..size on fresh ports, with {@code config}'s settings. */
    static Ensemble start(ZooConfig config, PeerRuntime runtime, int size, Path root) throws IOException {
        List<PeerAddress> view = FreePorts.peers(size);
        return start(config, view, view, peer -> runtime, root);
    }

    /** The zoo.cfg settings every member of this ensemble runs with. */
    ZooConfig config() {
        return config;
    }

    List<PeerProcess> peers() {
        return Collections.unmodifiableList(peers);
    }

    /** Restarts a peer that has exited, in its place in {@link #peers()}. */
    PeerProcess restart(PeerProcess exited) throws IOException {
        int index = peers.indexOf(exited);
        if (index < 0) {
            throw new IllegalArgumentException(exited + " is not in this ensemble");
        }
        PeerProcess restarted = exited.restart();
        peers.set(index, restarted);
        return restarted;
    }

    /** The peer with this sid. */
    PeerProcess peer(long sid) {
        return peers.stream().filter(peer -> peer.sid() == sid).findFirst().orElseThrow();
    }

    List<PeerProcess> alive() {
        return peers.stream().filter(PeerProcess::isAlive).toList();
    }

    /**
     * Waits until, among the live peers, exactly one says {@code leader} and every other one
     * says {@code follower} (or {@code observer}); returns the leader. On timeout the failure carries every peer's
     * status and log tail.
     */
    PeerProcess awaitStableLeader(Duration atMost) {
        return awaitStableLeader(atMost, POLL_INTERVAL);
    }

    /** As {@link #awaitStableLeader(Duration)}, polling every {@code pollInterval}. */
    PeerProcess awaitStableLeader(Duration atMost, Duration pollInterval) {
        try {
            return await().atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .until(this::stableLeader, Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no stable leader within " + atMost + "\n" + describe(), e);
        }
    }

    private Optional<PeerProcess> stableLeader() {
        Map<PeerProcess, Mode> modes = alive().stream()
                .collect(Collectors.toMap(Function.identity(), peer -> peer.status().mode()));
        List<PeerProcess> leaders = modes.entrySet().stream()
                .filter(entry -> entry.getValue() == Mode.LEADER)
                .map(Map.Entry::getKey)
                .toList();
        long followers = modes.values().stream().filter(mode -> mode == Mode.FOLLOWER).count();
        long observers = modes.values().stream().filter(mode -> mode == Mode.OBSERVER).count();
        boolean stable = leaders.size() == 1 && followers + observers == modes.size() - 1;
        return stable ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** Every peer's current srvr answer and the tail of its log. */
    String describe() {
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
