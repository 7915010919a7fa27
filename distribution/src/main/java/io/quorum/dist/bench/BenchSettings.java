package io.quorum.dist.bench;

import java.util.List;

/**
 * What a bench run was asked to do.
 *
 * @param systems the systems' labels, in the order their trials interleave
 * @param sizes peers per ensemble
 * @param scenarios what each trial does
 * @param trials measured trials per system, scenario and size, after one warm-up each
 * @param network real processes or the simulator
 * @param seed the simulator's first seed (trial i uses seed + i, the same for every system)
 * @param baseline the system the ratios divide by
 */
public record BenchSettings(List<String> systems, List<Integer> sizes, List<Scenario> scenarios, int trials,
        Network network, long seed, String baseline) {

    public BenchSettings {
        systems = List.copyOf(systems);
        sizes = List.copyOf(sizes);
        scenarios = List.copyOf(scenarios);
    }

    /** How many trials the run makes, warm-ups included. */
    public long totalTrials() {
        return (long) systems.size() * sizes.size() * scenarios.size() * (trials + 1);
    }
}
