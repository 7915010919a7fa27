package io.quorum.dist.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What one trial does to an ensemble, and which network it needs. */
public enum Scenario {
    /** Launch every peer; until one leads and every other follows. */
    COLD_START("cold-start", true, true),
    /** kill -9 the leader of a stable ensemble; until a new leader with every survivor following. */
    LEADER_CRASH("leader-crash", true, true),
    /** kill -9 every peer of a stable ensemble and start them all again on their data; until stable. */
    RESTART_ALL("restart-all", true, false),
    /** Launch every peer but the highest sid, which never starts; until the others are stable. */
    ONE_DOWN("one-down", true, false),
    /** Simulated one- and two-way partitions; from their healing until every peer agrees on the final leader. */
    PARTITION("partition", false, true),
    /** Simulated loss, duplication and reordering; from the healing until the final agreed leader. */
    LOSS("loss", false, true),
    /** Simulated swizzle-clog of links; from the healing until the final agreed leader. */
    CLOG("clog", false, true);

    private final String label;
    private final boolean real;
    private final boolean simulated;

    Scenario(String label, boolean real, boolean simulated) {
        this.label = label;
        this.real = real;
        this.simulated = simulated;
    }

    public String label() {
        return label;
    }

    /** Whether it runs on real processes ({@code --network real}). */
    public boolean runsReal() {
        return real;
    }

    /** Whether it runs under the simulator ({@code --network sim}). */
    public boolean runsSimulated() {
        return simulated;
    }

    public static Optional<Scenario> of(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
