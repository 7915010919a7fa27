package io.quorum.transport.support;

import java.time.Duration;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A thread pool that gives a task to an idle thread if there is one, else starts a thread up to
 * its maximum, else queues the task up to a backlog. A {@link ThreadPoolExecutor} whose core size
 * is its maximum starts a new thread for every task until it has the maximum, idle threads
 * notwithstanding: a peer dialling a dead voter at each vote it sends started a thread per dial,
 * in the middle of a failover, and kept up to twenty idle ones (each one more for the kernel to
 * stop when the peer is killed). Threads idle for the keep-alive end, down to none.
 */
public final class ReusingThreadPool {
    private ReusingThreadPool() {
    }

    /**
     * @param maxThreads most threads at once
     * @param backlog most tasks waiting while every thread is busy; more are rejected
     * @param keepAlive how long an idle thread waits for a task before it ends
     * @param factory makes the threads
     */
    public static ThreadPoolExecutor create(int maxThreads, int backlog, Duration keepAlive, ThreadFactory factory) {
        HandOffQueue queue = new HandOffQueue(backlog);
        return new ThreadPoolExecutor(0, maxThreads, keepAlive.toNanos(), TimeUnit.NANOSECONDS, queue, factory,
                (task, pool) -> queue.enqueue(task, pool));
    }

    /** Offers succeed only into an idle thread's hands; so the pool starts a thread when none waits. */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private final int backlog;

        HandOffQueue(int backlog) {
            this.backlog = backlog;
        }

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        /** The pool is at its maximum: the task waits for a thread, if the backlog has room. */
        synchronized void enqueue(Runnable task, ThreadPoolExecutor pool) {
            if (pool.isShutdown() || size() >= backlog) {
                throw new RejectedExecutionException(pool.isShutdown() ? "the pool is shut down"
                        : "all " + pool.getMaximumPoolSize() + " threads are busy and " + backlog + " tasks wait");
            }
            super.offer(task);
            // The last busy thread may have ended between the pool's refusal and our offer; then
            // no thread would ever take the task, so start one for it.
            if (pool.getPoolSize() == 0 && remove(task)) {
                pool.execute(task);
            }
        }
    }
}
