package io.quorum.transport.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ElectionLoopTest {
    private static final TimerKey WAIT = new TimerKey("wait");
    private static final Source PEER = Source.peer(2, Endpoint.ELECTION_TCP);

    /**
     * A core that sets a timer on start, records every call, and blocks inside the message
     * "stall" until released: the test holds the loop thread there while time passes and
     * messages arrive, as a starved CPU would.
     */
    private static final class RecordingCore implements ElectionCore {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch timerFired = new CountDownLatch(1);

        @Override
        public void start(long now, Outbox out) {
            calls.add("start");
            out.setTimer(WAIT, now + 10);
        }

        @Override
        public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
            String text = StandardCharsets.UTF_8.decode(payload).toString();
            calls.add(text);
            if (text.equals("stall")) {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onTimer(TimerKey key, long now, Outbox out) {
            calls.add("timer");
            timerFired.countDown();
        }
    }

    /** Votes that arrived before an overdue timer is served reach the core before it fires. */
    @Test
    void inputsWaitingWhenATimerIsOverdueAreSteppedBeforeIt() throws InterruptedException {
        RecordingCore core = new RecordingCore();
        AtomicLong ticker = new AtomicLong();
        ElectionLoop loop = new ElectionLoop(1, core, (to, payload) -> { }, decision -> { }, ticker::get, 16);
        loop.start();
        try {
            loop.submit(new LoopInput.Start());
            loop.offerMessage(PEER, bytes("stall"));
            assertThat(core.stalled.await(10, TimeUnit.SECONDS)).isTrue();

            ticker.set(1_000);
            loop.offerMessage(PEER, bytes("better vote"));
            loop.offerMessage(PEER, bytes("another"));
            core.release.countDown();

            assertThat(core.timerFired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(core.calls).containsExactly("start", "stall", "better vote", "another", "timer");
        } finally {
            core.release.countDown();
            loop.close();
        }
    }

    /** A core's lookAgain request reaches the registered listener, reason and all, in order. */
    @Test
    void aLookAgainRequestReachesTheListener() throws InterruptedException {
        ElectionCore core = new ElectionCore() {
            @Override
            public void start(long now, Outbox out) {
            }

            @Override
            public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
                out.lookAgain(StandardCharsets.UTF_8.decode(payload).toString());
            }

            @Override
            public void onTimer(TimerKey key, long now, Outbox out) {
            }
        };
        List<String> reasons = new CopyOnWriteArrayList<>();
        CountDownLatch heard = new CountDownLatch(2);
        ElectionLoop loop = new ElectionLoop(1, core, (to, payload) -> { }, decision -> { }, () -> 0L, 16);
        loop.onLookAgain(reason -> {
            reasons.add(reason);
            heard.countDown();
        });
        loop.start();
        try {
            loop.offerMessage(PEER, bytes("check-quorum"));
            loop.offerMessage(PEER, bytes("newer term"));

            assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reasons).containsExactly("check-quorum", "newer term");
        } finally {
            loop.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
