package io.quorum.transport.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Every thread one transport object starts, so that it can join them all on shutdown and tests
 * can check that connection churn leaks none (ZOOKEEPER-880). Each thread carries the peer id in
 * the slf4j MDC key {@code peer}, and every other MDC entry the creating thread had when this
 * object was made: a marker set around work (a peer's start-up rehearsal marks its throw-away
 * peers' log lines, which the distribution's logging configuration then drops) reaches the
 * threads that work starts.
 */
public final class OwnedThreads {
    private final String namePrefix;
    private final String peer;
    private final Map<String, String> inherited;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    /**
     * Threads whose body ended but that may still be alive for a moment: a thread cannot leave
     * {@code live} after it has terminated, so {@link #joinAll} joins these too, and a caller that
     * checks {@link Thread#isAlive} after it returned sees none.
     */
    private final Set<Thread> ending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * @param namePrefix prefix of every thread name, e.g. {@code quorum-cnx-2}
     * @param peer the value of the MDC key {@code peer} inside these threads
     */
    public OwnedThreads(String namePrefix, String peer) {
        this.namePrefix = namePrefix;
        this.peer = peer;
        Map<String, String> creator = MDC.getCopyOfContextMap();
        this.inherited = creator == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(creator));
    }

    /** Creates and starts a daemon thread named {@code <prefix>-<name>}. */
    public Thread start(String name, Runnable body) {
        Thread thread = create(namePrefix + "-" + name, body);
        thread.start();
        return thread;
    }

    /** A factory for executors, naming threads {@code <prefix>-<kind>-<n>}. */
    public ThreadFactory factory(String kind) {
        return body -> create(namePrefix + "-" + kind + "-" + counter.incrementAndGet(), body);
    }

    private Thread create(String name, Runnable body) {
        Thread thread = new Owned(name, body);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Counts itself from {@link #start()} to the end of its body. Not from creation: an executor
     * that is shut down between making a worker thread and starting it drops the thread unstarted,
     * which then counted forever and made {@link #joinAll} report a thread that never existed
     * ("1 transport thread(s) did not end within 10000 ms", printed at once on shutdown).
     */
    private final class Owned extends Thread {
        Owned(String name, Runnable body) {
            super(body, name);
        }

        @Override
        public synchronized void start() {
            ending.removeIf(thread -> !thread.isAlive());
            live.add(this);
            try {
                super.start();
            } catch (RuntimeException | Error e) {
                live.remove(this);
                throw e;
            }
        }

        @Override
        public void run() {
            MDC.setContextMap(inherited);
            MDC.put("peer", peer);
            try {
                super.run();
            } finally {
                MDC.clear();
                ending.add(this);
                live.remove(this);
            }
        }
    }

    /** Threads started and not yet finished. */
    public int liveCount() {
        return live.size();
    }

    /**
     * Interrupts every owned thread but the caller, so that threads parked in an interruptible
     * wait (a queue poll with a timeout) end now instead of when that wait times out: a shutdown
     * then takes microseconds rather than up to the poll interval.
     */
    public void interruptAll() {
        for (Thread thread : List.copyOf(live)) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /**
     * Joins every owned thread, including ones started while joining, giving each up to the
     * timeout. Returns whether all ended.
     */
    public boolean joinAll(long timeoutMillisPerThread) throws InterruptedException {
        for (int round = 0; round < 3 && !live.isEmpty(); round++) {
            for (Thread thread : List.copyOf(live)) {
                if (thread != Thread.currentThread()) {
                    thread.join(timeoutMillisPerThread);
                }
            }
        }
        for (Thread thread : List.copyOf(ending)) {
            if (thread != Thread.currentThread()) {
                thread.join(timeoutMillisPerThread);
                ending.remove(thread);
            }
        }
        return live.stream().allMatch(t -> t == Thread.currentThread());
    }
}
