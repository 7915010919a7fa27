package io.quorum.transport.sim;

import java.util.Optional;
import java.util.function.Function;

/**
 * A property the simulation checks. {@link #afterStep} runs after every event, {@link #atEnd}
 * once when the run ends; either returns a description of what is wrong, or empty. Peer-level
 * invariants (for example over epochs a session layer establishes) join by implementing this.
 */
public interface Invariant {

    /** A short name for reports. */
    String name();

    default Optional<String> afterStep(SimState state) {
        return Optional.empty();
    }

    default Optional<String> atEnd(SimState state) {
        return Optional.empty();
    }

    /** An invariant checked after every event. */
    static Invariant afterEachStep(String name, Function<SimState, Optional<String>> check) {
        return new Invariant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> afterStep(SimState state) {
                return check.apply(state);
            }
        };
    }
}
