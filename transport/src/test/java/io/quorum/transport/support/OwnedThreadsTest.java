package io.quorum.transport.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OwnedThreadsTest {

    /**
     * A ThreadPoolExecutor shut down between making a worker thread and starting it drops the
     * thread unstarted. It used to count for good, so ConnectionManager's shutdown warned at once
     * that a transport thread "did not end within 10000 ms".
     */
    @Test
    void aThreadMadeButNeverStartedIsNotCounted() throws InterruptedException {
        OwnedThreads threads = new OwnedThreads("quorum-test", "1");

        Thread dropped = threads.factory("pool").newThread(() -> { });

        assertThat(dropped.getState()).isEqualTo(Thread.State.NEW);
        assertThat(threads.liveCount()).isZero();
        assertThat(threads.joinAll(1)).isTrue();
    }

    @Test
    void aStartedThreadCountsUntilItsBodyEnds() throws InterruptedException {
        OwnedThreads threads = new OwnedThreads("quorum-test", "1");
        CountDownLatch release = new CountDownLatch(1);

        Thread worker = threads.factory("pool").newThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        assertThat(threads.liveCount()).isEqualTo(1);
        assertThat(worker.isDaemon()).isTrue();
        assertThat(worker.getName()).isEqualTo("quorum-test-pool-1");

        release.countDown();
        assertThat(threads.joinAll(10_000)).isTrue();
        assertThat(threads.liveCount()).isZero();
    }

    /**
     * A thread leaves the live set at the end of its body, a moment before it terminates; joinAll
     * joined only the live set, so HostileInputTest once found 4 transport threads alive after a
     * shutdown that had returned. An uncaught-exception handler runs in that moment, so one that
     * waits makes the moment as long as the test needs.
     */
    @Test
    void noThreadIsAliveOnceJoinAllReturned() throws InterruptedException {
        OwnedThreads threads = new OwnedThreads("quorum-test", "1");
        CountDownLatch release = new CountDownLatch(1);
        Thread thread = threads.factory("pool").newThread(() -> {
            throw new IllegalStateException("the body ends by throwing");
        });
        thread.setUncaughtExceptionHandler((t, e) -> {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> threads.liveCount() == 0);
        assertThat(thread.isAlive()).as("still in its uncaught-exception handler").isTrue();

        java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
        Thread joiner = new Thread(() -> {
            try {
                joined.set(threads.joinAll(10_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        joiner.start();
        joiner.join(200);
        assertThat(joiner.isAlive()).as("joinAll waits for the thread still in its handler").isTrue();

        release.countDown();
        joiner.join(10_000);
        assertThat(joined).isTrue();
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void threadsCarryTheirCreatorsMdcAndTheirOwnPeerId() throws InterruptedException {
        java.util.Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        org.slf4j.MDC.put("rehearsal", "true");
        org.slf4j.MDC.put("peer", "creator");
        OwnedThreads threads;
        try {
            threads = new OwnedThreads("quorum-test", "2");
        } finally {
            org.slf4j.MDC.clear();
        }

        threads.start("worker", () -> seen.putAll(org.slf4j.MDC.getCopyOfContextMap())).join();

        assertThat(seen).containsEntry("rehearsal", "true").containsEntry("peer", "2");
        assertThat(org.slf4j.MDC.get("rehearsal")).as("the creator's own MDC is untouched").isNull();
    }
}
