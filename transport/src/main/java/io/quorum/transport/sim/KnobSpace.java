package io.quorum.transport.sim;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the timing knobs of the algorithm under test (finalizeWait, notification interval,
 * timeouts...) for one seed, within ranges the algorithm accepts. The result becomes every core's
 * {@link io.quorum.api.election.ElectionContext#properties()}, and is printed in the run's header.
 */
@FunctionalInterface
public interface KnobSpace {
    /** No knobs: every core runs with its defaults. */
    KnobSpace NONE = random -> Map.of();

    Map<String, String> draw(SplittableRandom random);
}
