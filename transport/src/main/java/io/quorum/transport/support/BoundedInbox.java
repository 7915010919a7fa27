package io.quorum.transport.support;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A bounded FIFO that never blocks its producers: when full it drops the oldest element and
 * counts it, as ZooKeeper's receive queue does (PROTOCOL.md 2.5). Socket reader threads can
 * therefore never be stalled by a slow consumer.
 *
 * @param <E> element type
 */
public final class BoundedInbox<E> {
    private final int capacity;
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;

    public BoundedInbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds the element, dropping the oldest one if full. Returns false if one was dropped. */
    public boolean offer(E element) {
        lock.lock();
        try {
            boolean room = items.size() < capacity;
            if (!room) {
                items.pollFirst();
                dropped++;
            }
            items.addLast(element);
            notEmpty.signal();
            return room;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest element, waiting up to the timeout; null if none arrived. */
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest element or null, without waiting. */
    public E poll() {
        lock.lock();
        try {
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Hands up to {@code max} queued elements to the consumer, oldest first; returns how many. */
    public int drainTo(Consumer<? super E> consumer, int max) {
        int count = 0;
        while (count < max) {
            E element = poll();
            if (element == null) {
                break;
            }
            consumer.accept(element);
            count++;
        }
        return count;
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Elements dropped because the inbox was full. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
