package io.quorum.transport.sim;

/**
 * An invariant that failed, with what is needed to reproduce and read it: the seed, the virtual
 * time, and the tail of the trace up to the failing step.
 */
public record Violation(long seed, String invariant, String message, long atNanos, String traceTail) {

    /** One line: seed, invariant, time and message. */
    public String summary() {
        return "seed=" + seed + " invariant=" + invariant + " at=" + SimClock.format(atNanos) + ": " + message;
    }

    @Override
    public String toString() {
        return summary() + "\n--- trace tail ---\n" + traceTail;
    }
}
