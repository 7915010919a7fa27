package io.quorum.transport.sim;

/**
 * Virtual time in nanoseconds. Nothing in a simulation sleeps: the clock jumps to the time of the
 * next event, so a run of many virtual seconds costs only the work its events do.
 */
public final class SimClock {
    private long nowNanos;

    /** The current virtual time. */
    public long now() {
        return nowNanos;
    }

    /**
     * Moves the clock to {@code timeNanos}. Time never runs backwards: an event queue that hands
     * out an earlier event is a kernel bug, so it fails loudly.
     */
    public void advanceTo(long timeNanos) {
        if (timeNanos < nowNanos) {
            throw new IllegalStateException("virtual time would run backwards: " + timeNanos + " < " + nowNanos);
        }
        nowNanos = timeNanos;
    }

    /** Formats a virtual time as seconds with nanosecond digits, the form every trace line starts with. */
    public static String format(long timeNanos) {
        long seconds = timeNanos / 1_000_000_000L;
        long nanos = timeNanos % 1_000_000_000L;
        String fraction = Long.toString(nanos);
        return seconds + "." + "000000000".substring(fraction.length()) + fraction;
    }
}
