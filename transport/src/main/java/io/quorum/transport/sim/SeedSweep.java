package io.quorum.transport.sim;

import io.quorum.api.election.ElectionProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs a range of seeds against one provider and sums them up. It prints nothing and reads no
 * clock: a caller that wants runs per second passes its own ticker (the CLI passes the system
 * clock; tests and the kernel stay deterministic).
 */
public final class SeedSweep {
    private final ElectionProvider provider;
    private final SimulationOptions template;
    private final int replayEvery;
    private final LongSupplier ticker;

    /**
     * @param provider the algorithm under test
     * @param template options for every run; its seed is replaced by each seed of the range
     * @param replayEvery run every n-th seed twice and compare trace hashes (0 never)
     * @param ticker a nanosecond wall clock for runs per second, or {@code () -> 0}
     */
    public SeedSweep(ElectionProvider provider, SimulationOptions template, int replayEvery, LongSupplier ticker) {
        this.provider = Objects.requireNonNull(provider, "provider is null");
        this.template = Objects.requireNonNull(template, "template is null");
        this.replayEvery = replayEvery;
        this.ticker = Objects.requireNonNull(ticker, "ticker is null");
    }

    /** A sweep without replays or wall time. */
    public SeedSweep(ElectionProvider provider, SimulationOptions template) {
        this(provider, template, 0, () -> 0L);
    }

    /** Runs seeds {@code [from, from + count)}. */
    public SweepSummary run(long from, long count) {
        long started = ticker.getAsLong();
        List<Violation> violations = new ArrayList<>();
        long runs = 0;
        long virtualNanos = 0;
        long messages = 0;
        long leaderChanges = 0;
        for (long seed = from; seed < from + count; seed++) {
            SimulationResult result = Simulation.run(provider, template.withSeed(seed));
            runs++;
            virtualNanos += result.virtualTimeNanos();
            messages += result.counters().sent();
            leaderChanges += result.leaderChanges();
            violations.addAll(result.violations());
            if (replayEvery > 0 && (seed - from) % replayEvery == 0) {
                violations.addAll(replay(result));
            }
        }
        return new SweepSummary(template.schedule(), from, runs, violations, ticker.getAsLong() - started,
                virtualNanos, messages, leaderChanges);
    }

    /** Runs the same seed again; a different trace hash is a determinism violation. */
    private List<Violation> replay(SimulationResult first) {
        SimulationResult again = Simulation.run(provider, template.withSeed(first.seed()));
        if (again.traceHash() == first.traceHash()) {
            return List.of();
        }
        return List.of(new Violation(first.seed(), "determinism", "trace hash " + Long.toHexString(first.traceHash())
                + " then " + Long.toHexString(again.traceHash()), again.virtualTimeNanos(), again.traceText()));
    }
}
