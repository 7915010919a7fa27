package io.quorum.dist.bench;

import io.quorum.api.election.ElectionProvider;
import io.quorum.transport.sim.ElectionWindow;
import io.quorum.transport.sim.ExpectedLeader;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trial of one of our algorithms under the deterministic simulator, in virtual time: the same
 * election core the peer runs, on a simulated network whose faults follow the seed.
 */
final class SimTrial {
    /** Per-peer figures come from the whole trace; beyond this size only the totals are kept. */
    static final int FULL_TRACE_MAX_PEERS = 201;
    private static final long LEADER_CRASH_PHASE_NANOS = 20_000_000_000L;
    /**
     * How far apart the peers' processes come up in a cold start: the real bench launches its JVMs
     * one after another, and they listen 100-300 ms apart.
     */
    private static final long COLD_BOOT_SPREAD_NANOS = 300_000_000L;
    private static final Pattern SAFETY_PHASE = Pattern.compile("\\bsafetyPhaseNanos=(\\d+)");

    private SimTrial() {
    }

    /** The options of a trial: {@code seed} draws latencies and faults. */
    static SimulationOptions options(ElectionProvider provider, Scenario scenario, int size, long seed, boolean fullTrace) {
        FaultSchedule schedule = switch (scenario) {
            case PARTITION -> FaultSchedule.PARTITION;
            case LOSS -> FaultSchedule.LOSS;
            case CLOG -> FaultSchedule.SWIZZLE_CLOG;
            case COLD_START, LEADER_CRASH -> FaultSchedule.NONE;
            default -> throw new IllegalArgumentException(scenario + " runs on real processes only");
        };
        return SimulationOptions.builder(seed).voters(size).observers(0).schedule(schedule)
                .hierarchicalProbability(0).expectedLeader(expectedLeader(provider, scenario, schedule))
                .coldBootSpreadNanos(scenario == Scenario.COLD_START ? COLD_BOOT_SPREAD_NANOS : 0)
                .failover(scenario == Scenario.LEADER_CRASH).fullTrace(fullTrace)
                // The crash comes after the first election, inside the safety phase: leave room for slow algorithms.
                .safetyPhaseNanos(scenario == Scenario.LEADER_CRASH ? LEADER_CRASH_PHASE_NANOS : 0)
                .maxEvents(Math.max(2_000_000L, 40L * size * size)).build();
    }

    /** A peer that comes up late may miss a cold start's election: then no leader is expected. */
    private static ExpectedLeader expectedLeader(ElectionProvider provider, Scenario scenario, FaultSchedule schedule) {
        if (scenario == Scenario.COLD_START) {
            return ExpectedLeader.none();
        }
        return schedule == FaultSchedule.NONE ? ExpectedLeader.of(provider) : ExpectedLeader.greatestEpochZxidSid();
    }

    /** The end of the safety phase, when the simulator heals every fault, from the run's header. */
    static long healedAtNanos(String header) {
        Matcher knob = SAFETY_PHASE.matcher(header);
        if (!knob.find()) {
            throw new IllegalStateException("the simulation header names no safetyPhaseNanos");
        }
        return Long.parseLong(knob.group(1));
    }

    static TrialResult run(BenchSystem system, Scenario scenario, int size, int trial, long seed) {
        ElectionProvider provider = system.provider().orElseThrow(() -> new IllegalArgumentException(
                system.label() + " is not one of our algorithms; only those run under the simulator"));
        try {
            boolean fullTrace = size <= FULL_TRACE_MAX_PEERS;
            SimulationResult result = Simulation.run(provider, options(provider, scenario, size, seed, fullTrace));
            if (!result.passed()) {
                return TrialResult.failed(system.label(), scenario, size, trial,
                        "seed " + seed + ": " + result.violations().get(0).summary());
            }
            List<ElectionWindow> elections = result.elections();
            ElectionWindow measured = switch (scenario) {
                case COLD_START -> elections.isEmpty() ? null : elections.get(0);
                case LEADER_CRASH -> elections.size() < 2 ? null : elections.get(1);
                default -> elections.isEmpty() ? null : elections.get(elections.size() - 1);
            };
            if (measured == null) {
                return TrialResult.failed(system.label(), scenario, size, trial,
                        "seed " + seed + ": the run had " + elections.size() + " elections");
            }
            long nanos = switch (scenario) {
                case COLD_START -> measured.closedAtNanos();
                case LEADER_CRASH -> measured.durationNanos();
                // The faults last as long as the seed draws; what the algorithm decides is how soon it
                // agrees once they are healed (0 when the leader it agreed on during them survives).
                default -> Math.max(0, measured.closedAtNanos() - healedAtNanos(result.header()));
            };
            List<PeerMeasure> peers = fullTrace ? SimTrace.parse(result.traceText()).peerMeasures() : List.of();
            return new TrialResult(system.label(), scenario, size, trial, nanos / 1e6, measured.leader(), null, peers);
        } catch (RuntimeException | OutOfMemoryError e) {
            return TrialResult.failed(system.label(), scenario, size, trial, "seed " + seed + ": " + e);
        }
    }
}
