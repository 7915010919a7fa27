package io.quorum.transport.tcp;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The connection manager's single bounded inbox, drained by one election loop thread.
 *
 * <p>Messages are bounded: when {@code capacity} messages wait, the oldest message is dropped and
 * counted, as ZooKeeper's receive queue does (capacity 100, PROTOCOL.md 2.5), so socket readers
 * never block. Link changes are never dropped; instead at most one per sid waits, updated in
 * place to the latest state, so their number is bounded by the size of the view.
 */
public final class TransportInbox {
    private final int capacity;
    private final ArrayDeque<Object> entries = new ArrayDeque<>();
    private final Map<Long, LinkSlot> pendingLinks = new HashMap<>();
    /** Sids with an Unreachable event waiting; at most one each, so these too stay bounded. */
    private final Set<Long> pendingUnreachable = new HashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int messages;
    private long dropped;

    /** A queued link change whose state may still be overwritten by a newer one. */
    private static final class LinkSlot {
        final long sid;
        boolean up;

        LinkSlot(long sid, boolean up) {
            this.sid = sid;
            this.up = up;
        }
    }

    public TransportInbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues a payload; drops the oldest queued message if {@code capacity} are waiting. */
    public void offerMessage(long sid, byte[] payload) {
        lock.lock();
        try {
            if (messages >= capacity) {
                dropOldestMessage();
            }
            entries.addLast(new TransportEvent.Received(sid, payload));
            messages++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void dropOldestMessage() {
        for (Iterator<Object> it = entries.iterator(); it.hasNext();) {
            if (it.next() instanceof TransportEvent.Received) {
                it.remove();
                messages--;
                dropped++;
                return;
            }
        }
    }

    /**
     * Queues a link change, or updates the one already waiting for that sid. A link coming up
     * withdraws a waiting Unreachable for the sid, which it contradicts.
     */
    public void offerLink(long sid, boolean up) {
        lock.lock();
        try {
            if (up && pendingUnreachable.remove(sid)) {
                entries.removeIf(e -> e instanceof TransportEvent.Unreachable u && u.sid() == sid);
            }
            LinkSlot waiting = pendingLinks.get(sid);
            if (waiting != null) {
                waiting.up = up;
                return;
            }
            LinkSlot slot = new LinkSlot(sid, up);
            pendingLinks.put(sid, slot);
            entries.addLast(slot);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues that dialling {@code sid} failed, unless that is already waiting. */
    public void offerUnreachable(long sid) {
        lock.lock();
        try {
            if (pendingUnreachable.add(sid)) {
                entries.addLast(new TransportEvent.Unreachable(sid));
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The oldest event, waiting up to the timeout; null if none arrived. */
    public TransportEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (entries.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest event or null, without waiting. */
    public TransportEvent poll() {
        lock.lock();
        try {
            return entries.isEmpty() ? null : take();
        } finally {
            lock.unlock();
        }
    }

    private TransportEvent take() {
        Object entry = entries.pollFirst();
        if (entry instanceof LinkSlot slot) {
            pendingLinks.remove(slot.sid);
            return new TransportEvent.Link(slot.sid, slot.up);
        }
        if (entry instanceof TransportEvent.Unreachable unreachable) {
            pendingUnreachable.remove(unreachable.sid());
            return unreachable;
        }
        messages--;
        return (TransportEvent) entry;
    }

    /** Hands up to {@code max} waiting events to the consumer, oldest first; returns how many. */
    public int drainTo(Consumer<? super TransportEvent> consumer, int max) {
        int count = 0;
        while (count < max) {
            TransportEvent event = poll();
            if (event == null) {
                break;
            }
            consumer.accept(event);
            count++;
        }
        return count;
    }

    /** Events waiting, messages and link changes together. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped because {@code capacity} messages were already waiting. */
    public long droppedMessages() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
