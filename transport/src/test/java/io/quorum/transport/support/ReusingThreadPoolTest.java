package io.quorum.transport.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReusingThreadPoolTest {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final AtomicInteger made = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private ThreadPoolExecutor pool;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private ThreadPoolExecutor pool(int maxThreads, int backlog) {
        pool = ReusingThreadPool.create(maxThreads, backlog, KEEP_ALIVE, body -> {
            made.incrementAndGet();
            Thread thread = new Thread(body, "reusing-test-" + made.get());
            thread.setDaemon(true);
            return thread;
        });
        return pool;
    }

    private void awaitIdleThread() {
        TransferQueue<?> queue = (TransferQueue<?>) pool.getQueue();
        await().atMost(Duration.ofSeconds(10)).until(queue::hasWaitingConsumer);
    }

    private Runnable blocked() {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The pool this replaces started a new thread for each of the first twenty dials. */
    @Test
    void anIdleThreadTakesTheNextTaskInsteadOfANewThread() throws Exception {
        pool(20, Integer.MAX_VALUE);

        for (int i = 0; i < 5; i++) {
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
            awaitIdleThread();
        }

        assertThat(made).hasValue(1);
        assertThat(pool.getPoolSize()).isEqualTo(1);
    }

    @Test
    void busyThreadsMakeTheNextTaskStartAnotherUpToTheMaximumThenQueue() throws Exception {
        pool(3, Integer.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            pool.execute(blocked());
        }
        AtomicInteger ran = new AtomicInteger();
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(pool.submit(ran::incrementAndGet));
        }

        assertThat(made).hasValue(3);
        assertThat(pool.getQueue()).hasSize(4);
        release.countDown();
        for (Future<?> task : queued) {
            task.get(10, TimeUnit.SECONDS);
        }
        assertThat(ran).hasValue(4);
        assertThat(made).hasValue(3);
    }

    @Test
    void aTaskBeyondTheBacklogIsRejected() {
        pool(1, 1);
        pool.execute(blocked());
        pool.execute(() -> { });

        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("all 1 threads are busy and 1 tasks wait");
    }

    @Test
    void withoutABacklogATaskIsRejectedWhileEveryThreadIsBusy() {
        pool(2, 0);
        pool.execute(blocked());
        pool.execute(blocked());

        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(made).hasValue(2);
    }

    @Test
    void aShutDownPoolRejects() {
        pool(2, 10);
        pool.shutdown();

        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
