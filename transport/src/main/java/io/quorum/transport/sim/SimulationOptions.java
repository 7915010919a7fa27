package io.quorum.transport.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a run is made from besides the provider. Build with {@link #builder(long)}.
 *
 * @param seed the one number the whole run follows from
 * @param voters participants, sids 1..voters
 * @param observers observers, the sids after the voters
 * @param schedule which faults the safety phase injects
 * @param safetyPhaseNanos the safety phase's length; 0 draws 1-5 s from the seed
 * @param livenessBoundNanos how long the healed voters have to converge
 * @param hierarchicalProbability how often a drawn ensemble uses hierarchical quorums
 * @param fullTrace keep every trace line, not just the tail
 * @param traceTailLines how many trace lines to keep otherwise (and show with a violation)
 * @param maxEvents a bound on events per run, so a livelocked core ends the run as a violation
 * @param knobSpace the algorithm's knobs drawn per seed
 * @param expectedLeader the algorithm's order, for fault-free runs
 * @param ensemble a fixed ensemble, or {@code null} to draw one from the seed
 * @param extraInvariants invariants checked besides {@link ElectionInvariants#all()}
 * @param peerLayer makes, for each run, what runs on every peer besides its election core
 * @param failover once the run's first election has ended with an agreed leader, wait half a
 *     second, crash that leader, and have every other peer lose it within the start spread, so
 *     the survivors elect again (during the safety phase only, and only if they hold a quorum)
 * @param rejoin once the run's first election has ended with an agreed leader, wait half a
 *     second, cut one follower off from every other peer (it loses its session, as a learner cut
 *     from its leader does, and looks for a leader alone), then heal the cut after 1 to 3 s: the
 *     rejoining peer must find the leader it left, and {@link SimulationResult#leaderChanges()}
 *     counts the elections it caused that changed the leader (safety phase only)
 * @param coldBootSpreadNanos 0: every peer's process is up from the start, and its first round
 *     opens within the drawn start spread; otherwise each peer's process comes up, and opens its
 *     first round, at a time drawn up to this, and only then listens, so what others send it
 *     before is lost (a real cold start of separate processes). A late peer may then miss the
 *     first election, so such runs expect no particular leader.
 */
public record SimulationOptions(
        long seed,
        int voters,
        int observers,
        FaultSchedule schedule,
        long safetyPhaseNanos,
        long livenessBoundNanos,
        double hierarchicalProbability,
        boolean fullTrace,
        int traceTailLines,
        long maxEvents,
        KnobSpace knobSpace,
        ExpectedLeader expectedLeader,
        Ensemble ensemble,
        List<Invariant> extraInvariants,
        Supplier<? extends PeerLayer> peerLayer,
        boolean failover,
        boolean rejoin,
        long coldBootSpreadNanos) {

    public SimulationOptions {
        Objects.requireNonNull(schedule, "schedule is null");
        Objects.requireNonNull(knobSpace, "knobSpace is null");
        Objects.requireNonNull(expectedLeader, "expectedLeader is null");
        extraInvariants = List.copyOf(extraInvariants);
        Objects.requireNonNull(peerLayer, "peerLayer is null");
        if (ensemble == null && (voters < 1 || observers < 0)) {
            throw new IllegalArgumentException("need at least one voter and no negative observers");
        }
        if (coldBootSpreadNanos < 0) {
            throw new IllegalArgumentException("coldBootSpreadNanos must not be negative");
        }
        if (ensemble != null) {
            voters = ensemble.view().votingMembers().size();
            observers = ensemble.initialVotes().size() - voters;
        }
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** The same options for another seed. */
    public SimulationOptions withSeed(long newSeed) {
        return new SimulationOptions(newSeed, voters, observers, schedule, safetyPhaseNanos, livenessBoundNanos,
                hierarchicalProbability, fullTrace, traceTailLines, maxEvents, knobSpace, expectedLeader, ensemble,
                extraInvariants, peerLayer, failover, rejoin, coldBootSpreadNanos);
    }

    /** The same options with one more invariant checked after every step. */
    public SimulationOptions withExtraInvariant(Invariant invariant) {
        List<Invariant> more = new ArrayList<>(extraInvariants);
        more.add(invariant);
        return new SimulationOptions(seed, voters, observers, schedule, safetyPhaseNanos, livenessBoundNanos,
                hierarchicalProbability, fullTrace, traceTailLines, maxEvents, knobSpace, expectedLeader, ensemble,
                more, peerLayer, failover, rejoin, coldBootSpreadNanos);
    }

    /** Fluent construction with defaults: 5 voters, no observers, NONE, 60 s liveness bound. */
    public static final class Builder {
        private final long seed;
        private int voters = 5;
        private int observers;
        private FaultSchedule schedule = FaultSchedule.NONE;
        private long safetyPhaseNanos;
        private long livenessBoundNanos = 60_000_000_000L;
        private double hierarchicalProbability = 0.25;
        private boolean fullTrace;
        private int traceTailLines = 200;
        private long maxEvents = 2_000_000;
        private KnobSpace knobSpace = KnobSpace.NONE;
        private ExpectedLeader expectedLeader = ExpectedLeader.greatestEpochZxidSid();
        private Ensemble ensemble;
        private List<Invariant> extraInvariants = List.of();
        private Supplier<? extends PeerLayer> peerLayer = StandInSessions::new;
        private boolean failover;
        private boolean rejoin;
        private long coldBootSpreadNanos;

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder voters(int value) {
            voters = value;
            return this;
        }

        public Builder observers(int value) {
            observers = value;
            return this;
        }

        public Builder schedule(FaultSchedule value) {
            schedule = value;
            return this;
        }

        public Builder safetyPhaseNanos(long value) {
            safetyPhaseNanos = value;
            return this;
        }

        public Builder livenessBoundNanos(long value) {
            livenessBoundNanos = value;
            return this;
        }

        public Builder hierarchicalProbability(double value) {
            hierarchicalProbability = value;
            return this;
        }

        public Builder fullTrace(boolean value) {
            fullTrace = value;
            return this;
        }

        public Builder traceTailLines(int value) {
            traceTailLines = value;
            return this;
        }

        public Builder maxEvents(long value) {
            maxEvents = value;
            return this;
        }

        public Builder knobSpace(KnobSpace value) {
            knobSpace = value;
            return this;
        }

        public Builder expectedLeader(ExpectedLeader value) {
            expectedLeader = value;
            return this;
        }

        public Builder ensemble(Ensemble value) {
            ensemble = value;
            return this;
        }

        public Builder extraInvariants(List<Invariant> value) {
            extraInvariants = value;
            return this;
        }

        /** What runs on every peer besides its election core; {@link StandInSessions} by default. */
        public Builder peerLayer(Supplier<? extends PeerLayer> value) {
            peerLayer = value;
            return this;
        }

        public Builder failover(boolean value) {
            failover = value;
            return this;
        }

        /** The scripted partition and healing of one follower ({@link SimulationOptions#rejoin()}). */
        public Builder rejoin(boolean value) {
            rejoin = value;
            return this;
        }

        /** Peers whose processes come up at staggered times ({@link SimulationOptions#coldBootSpreadNanos()}). */
        public Builder coldBootSpreadNanos(long value) {
            coldBootSpreadNanos = value;
            return this;
        }

        public SimulationOptions build() {
            return new SimulationOptions(seed, voters, observers, schedule, safetyPhaseNanos, livenessBoundNanos,
                    hierarchicalProbability, fullTrace, traceTailLines, maxEvents, knobSpace, expectedLeader, ensemble,
                    extraInvariants, peerLayer, failover, rejoin, coldBootSpreadNanos);
        }
    }
}
