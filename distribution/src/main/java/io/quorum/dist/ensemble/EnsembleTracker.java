package io.quorum.dist.ensemble;

import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Elections as seen from outside, through {@code srvr} only (the same view a benchmark or an
 * operator has): the ensemble is stable when, among the live peers, exactly one says leader and
 * every other one serves (follower or observer). Each new stable (leader, epoch) is an election,
 * timed from the moment the previous stable state was lost (or the launch).
 */
public final class EnsembleTracker {

    /** One election: its number, the leader and epoch it produced, and how long it took. */
    public record Election(int number, long leader, OptionalLong epoch, Duration took) {
        public Election {
            Objects.requireNonNull(epoch, "epoch is null");
            Objects.requireNonNull(took, "took is null");
        }
    }

    private record Stable(long leader, OptionalLong epoch) {
    }

    private final List<Election> elections = new ArrayList<>();
    private long unstableSinceNanos;
    private Optional<Stable> stable = Optional.empty();

    /** @param launchedAtNanos when the peers were launched: the first election is timed from there */
    public EnsembleTracker(long launchedAtNanos) {
        this.unstableSinceNanos = launchedAtNanos;
    }

    /**
     * The ensemble was disturbed on purpose (its leader killed) at {@code nowNanos}: the next
     * election is timed from here rather than from the first poll that notices.
     */
    public void disrupted(long nowNanos) {
        if (stable.isPresent()) {
            stable = Optional.empty();
            unstableSinceNanos = nowNanos;
        }
    }

    /**
     * One poll of every live peer ({@code probes} by sid; peers not in {@code alive} are ignored).
     * Returns the election this poll completed, if any.
     */
    public Optional<Election> observe(long nowNanos, Map<Integer, Probe> probes, Set<Integer> alive) {
        Optional<Stable> now = stableState(probes, alive);
        if (now.isEmpty()) {
            if (stable.isPresent()) {
                stable = Optional.empty();
                unstableSinceNanos = nowNanos;
            }
            return Optional.empty();
        }
        if (stable.isPresent()) {
            return Optional.empty();
        }
        boolean same = !elections.isEmpty() && lastMatches(now.get());
        stable = now;
        if (same) {
            // A restarted or late peer joined the leader it already had: no new election.
            return Optional.empty();
        }
        Election election = new Election(elections.size() + 1, now.get().leader(), now.get().epoch(),
                Duration.ofNanos(nowNanos - unstableSinceNanos));
        elections.add(election);
        return Optional.of(election);
    }

    private boolean lastMatches(Stable candidate) {
        Election last = elections.get(elections.size() - 1);
        return last.leader() == candidate.leader() && last.epoch().equals(candidate.epoch());
    }

    /** The leader and epoch if the live peers agree, as defined above. */
    static Optional<Stable> stableState(Map<Integer, Probe> probes, Set<Integer> alive) {
        List<Probe> live = alive.stream().map(probes::get).filter(Objects::nonNull).toList();
        if (live.isEmpty() || live.size() < alive.size()) {
            return Optional.empty();
        }
        List<Probe> leaders = live.stream().filter(Probe::isLeader).toList();
        boolean othersServe = live.stream().allMatch(p -> p.outcome() == Probe.Outcome.SERVING);
        if (leaders.size() != 1 || !othersServe) {
            return Optional.empty();
        }
        Probe leader = leaders.get(0);
        OptionalLong leaderSid = leader.sid();
        Optional<SrvrAnswer> answer = leader.answer();
        OptionalLong epoch = answer.map(SrvrAnswer::epoch).orElse(OptionalLong.empty());
        return leaderSid.isPresent() ? Optional.of(new Stable(leaderSid.getAsLong(), epoch)) : Optional.empty();
    }

    /** Whether the live peers agree now (as of the last observation). */
    public boolean isStable() {
        return stable.isPresent();
    }

    /** The leader of the current stable state, if stable. */
    public OptionalLong stableLeader() {
        return stable.map(s -> OptionalLong.of(s.leader())).orElse(OptionalLong.empty());
    }

    public List<Election> elections() {
        return Collections.unmodifiableList(elections);
    }
}
