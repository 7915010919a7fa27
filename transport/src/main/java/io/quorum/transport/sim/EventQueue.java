package io.quorum.transport.sim;

import java.util.PriorityQueue;

/**
 * The pending events of a run, ordered by (time, sequence number). The sequence number is the
 * order of scheduling, so two events due at the same nanosecond always run in the same order and
 * a seed replays exactly.
 */
public final class EventQueue {
    /** One scheduled action. */
    public record Event(long timeNanos, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(timeNanos, other.timeNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long nextSequence;

    /** Schedules {@code action} at {@code timeNanos}; returns the event for inspection in tests. */
    public Event schedule(long timeNanos, Runnable action) {
        Event event = new Event(timeNanos, nextSequence++, action);
        events.add(event);
        return event;
    }

    /** The next event without removing it, or {@code null} when none is pending. */
    public Event peek() {
        return events.peek();
    }

    /** Removes and returns the next event, or {@code null} when none is pending. */
    public Event poll() {
        return events.poll();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public int size() {
        return events.size();
    }
}
