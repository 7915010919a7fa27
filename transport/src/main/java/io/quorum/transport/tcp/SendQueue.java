package io.quorum.transport.tcp;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One destination's pending payloads. ZooKeeper keeps capacity 1 and drops the oldest when full
 * (PROTOCOL.md 2.5): only the newest notification per peer matters. It survives reconnections.
 */
final class SendQueue {
    private final int capacity;
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;

    SendQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("send queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    void offer(byte[] payload) {
        lock.lock();
        try {
            if (items.size() >= capacity) {
                items.pollFirst();
                dropped++;
            }
            items.addLast(payload);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts back a payload a dying connection took but could not write, unless something newer
     * is already waiting (the newer one supersedes it).
     */
    void returnUnsent(byte[] payload) {
        lock.lock();
        try {
            if (items.isEmpty()) {
                items.addFirst(payload);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    byte[] poll(long timeout, TimeUnit unit) throws InterruptedException {
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

    boolean isEmpty() {
        lock.lock();
        try {
            return items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
