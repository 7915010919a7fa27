package io.quorum.peer.warmup;

import org.slf4j.MDC;

/**
 * Marks the log lines of a rehearsal: its throw-away peers log as peers do ("link to sid 2 is
 * up"), under their own ids, hundreds of lines that would read as the real peer's. The marker
 * is the MDC key {@value #KEY}, which every thread the rehearsal starts inherits (transport's
 * OwnedThreads copies its creator's MDC); the distribution's logback.xml drops marked events.
 */
final class Rehearsal implements AutoCloseable {
    static final String KEY = "rehearsal";

    private final String before;

    private Rehearsal(String before) {
        this.before = before;
    }

    /** Marks this thread until {@link #close()}. */
    static Rehearsal mark() {
        Rehearsal marker = new Rehearsal(MDC.get(KEY));
        MDC.put(KEY, "true");
        return marker;
    }

    @Override
    public void close() {
        if (before == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, before);
        }
    }
}
