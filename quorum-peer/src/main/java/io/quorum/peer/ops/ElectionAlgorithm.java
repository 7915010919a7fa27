package io.quorum.peer.ops;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The election algorithm a peer runs, as operators know it.
 *
 * @param name the provider's name, e.g. {@code fast}
 * @param number ZooKeeper's {@code electionAlg} number (0-3), empty for plugins that have none
 */
public record ElectionAlgorithm(String name, OptionalInt number) {

    public ElectionAlgorithm {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(number, "number is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("election algorithm name is blank");
        }
    }

    /** An algorithm with ZooKeeper's number, e.g. {@code fast} and 3. */
    public static ElectionAlgorithm numbered(String name, int number) {
        return new ElectionAlgorithm(name, OptionalInt.of(number));
    }

    /** A plugin algorithm without a ZooKeeper number. */
    public static ElectionAlgorithm named(String name) {
        return new ElectionAlgorithm(name, OptionalInt.empty());
    }

    /** {@code fast (3)}, or just the name for an unnumbered plugin. */
    public String describe() {
        return number.isPresent() ? name + " (" + number.getAsInt() + ")" : name;
    }

    /**
     * What ZooKeeper's {@code conf} prints for {@code electionAlg}: the number, or the name when
     * there is none (ZooKeeper itself only knows numbers).
     */
    public String confValue() {
        return number.isPresent() ? Integer.toString(number.getAsInt()) : name;
    }
}
