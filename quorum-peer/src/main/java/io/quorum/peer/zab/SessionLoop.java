package io.quorum.peer.zab;

import io.quorum.peer.session.SessionTimer;
import io.quorum.transport.runtime.SystemTicker;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one thread that drives a session core: events from the socket threads are queued here and
 * run in order on the session's thread, interleaved with the core's timers. Because only this
 * thread touches the core, the cores stay single-threaded as their contract requires.
 */
final class SessionLoop {
    /** Readers wait for room rather than letting a flooding peer grow the heap. */
    private static final int CAPACITY = 256;
    private static final long OFFER_WAIT_MILLIS = 50;

    private final BlockingQueue<Runnable> events = new ArrayBlockingQueue<>(CAPACITY);
    private final Map<SessionTimer, Long> deadlines = new EnumMap<>(SessionTimer.class);
    private volatile boolean stopped;
    private volatile String stopReason;

    long now() {
        return SystemTicker.INSTANCE.nanoTime();
    }

    /** Sets or moves a timer; called from the session's thread (by the outbox). */
    void setTimer(SessionTimer key, long deadlineNanos) {
        deadlines.put(key, deadlineNanos);
    }

    /**
     * Queues an event from a socket thread. Blocks while the queue is full, so a fast sender is
     * slowed to the session's pace; returns false once the loop has stopped.
     */
    boolean submit(Runnable event) throws InterruptedException {
        while (!stopped) {
            if (events.offer(event, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Queues an event without waiting; returns false when the queue is full or the loop stopped. */
    boolean offer(Runnable event) {
        return !stopped && events.offer(event);
    }

    /** Ends {@link #run} promptly, from any thread; the first reason wins. */
    void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopped = true;
        events.offer(() -> { });
    }

    boolean isStopped() {
        return stopped;
    }

    String stopReason() {
        return stopReason;
    }

    /**
     * Waits up to {@code nanos}, returning early when the loop is stopped. Used before the session
     * runs (between connection attempts), when no event can be queued yet.
     */
    void pause(long nanos) throws InterruptedException {
        Runnable event = events.poll(nanos, TimeUnit.NANOSECONDS);
        if (event != null && !stopped) {
            event.run();
        }
    }

    /**
     * Runs events and due timers on the calling thread until {@code ended} holds or {@link #stop}
     * is called.
     */
    void run(BooleanSupplier ended, Consumer<SessionTimer> onTimer) throws InterruptedException {
        while (!stopped && !ended.getAsBoolean()) {
            fireDueTimers(onTimer);
            if (stopped || ended.getAsBoolean()) {
                return;
            }
            Runnable event = events.poll(waitNanos(), TimeUnit.NANOSECONDS);
            if (event != null) {
                event.run();
            }
        }
    }

    private void fireDueTimers(Consumer<SessionTimer> onTimer) {
        long now = now();
        for (SessionTimer key : SessionTimer.values()) {
            Long deadline = deadlines.get(key);
            if (deadline != null && deadline - now <= 0) {
                deadlines.remove(key);
                onTimer.accept(key);
            }
        }
    }

    /** Until the earliest timer; a second at most, so a missed wake-up costs little. */
    private long waitNanos() {
        long now = now();
        long wait = TimeUnit.SECONDS.toNanos(1);
        for (long deadline : deadlines.values()) {
            wait = Math.min(wait, deadline - now);
        }
        return Math.max(0, wait);
    }
}
