package io.quorum.transport.runtime;

import io.quorum.api.election.Decision;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.core.EffectBuffer.Effect;
import io.quorum.transport.support.OwnedThreads;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threaded driver of one election core (etcd's {@code node.run()}): socket threads only put
 * inputs into a bounded inbox; one loop thread steps the core, carries out its effects after each
 * call, and sleeps until the next input or timer deadline. The core therefore never sees two
 * threads, and its only clock is the ticker this loop reads.
 */
public final class ElectionLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ElectionLoop.class);
    private static final long JOIN_MILLIS = 5_000;

    private final ElectionCore core;
    private final MessageSender sender;
    private final Consumer<Decision> decisions;
    private final LongSupplier ticker;
    private final BlockingQueue<LoopInput> inbox;
    private final int inboxCapacity;
    private final EffectBuffer effects = new EffectBuffer();
    private final Map<TimerKey, Long> timers = new HashMap<>();
    private final AtomicLong droppedMessages = new AtomicLong();
    private final AtomicLong sentMessages = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final OwnedThreads threads;
    private volatile Thread thread;
    private volatile LongConsumer voterLooking = sid -> { };
    private volatile Consumer<String> lookAgain = reason -> { };

    /**
     * @param peerId this peer's id, for thread names and the {@code peer} MDC key of its logs
     * @param decisions told of every decision, on the loop thread
     * @param inboxCapacity how many inputs may wait; beyond it, network messages are dropped
     */
    public ElectionLoop(long peerId, ElectionCore core, MessageSender sender, Consumer<Decision> decisions,
            LongSupplier ticker, int inboxCapacity) {
        this.core = core;
        this.sender = sender;
        this.decisions = decisions;
        this.ticker = ticker;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
        this.inboxCapacity = inboxCapacity;
        this.threads = new OwnedThreads("quorum-election-" + peerId, Long.toString(peerId));
    }

    /** Starts the loop thread. */
    public void start() {
        thread = threads.start("loop", this::run);
    }

    /**
     * Hands a network message to the loop without blocking. A full inbox drops it: the
     * algorithm's re-sends make up for it, and a flood must not stall the socket threads.
     */
    public void offerMessage(Source from, byte[] payload) {
        if (!inbox.offer(new LoopInput.Message(from, payload))) {
            droppedMessages.incrementAndGet();
        }
    }

    /** Hands a control input to the loop; these are rare and never dropped. */
    void submit(LoopInput input) {
        try {
            inbox.put(input);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing " + input + " to the election loop", e);
        }
    }

    /** Who hears of the core's {@code voterLooking} reports, on the loop thread. */
    void onVoterLooking(LongConsumer listener) {
        voterLooking = listener;
    }

    /** Who hears of the core's {@code lookAgain} requests, on the loop thread. */
    void onLookAgain(Consumer<String> listener) {
        lookAgain = listener;
    }

    /** Network messages dropped because the inbox was full. */
    public long droppedMessages() {
        return droppedMessages.get();
    }

    /** Messages the core has sent, handed to the transport. */
    public long sentMessages() {
        return sentMessages.get();
    }

    /** The payload bytes of {@link #sentMessages()}. */
    public long sentBytes() {
        return sentBytes.get();
    }

    private void run() {
        try {
            effects.drain();
            boolean running = true;
            while (running) {
                running = stepWaiting();
                if (running) {
                    fireDueTimers();
                    LoopInput input = inbox.poll(waitNanos(), TimeUnit.NANOSECONDS);
                    running = input == null || step(input);
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("election loop interrupted; stopping");
        } catch (RuntimeException e) {
            LOG.error("election core failed; the election loop stops", e);
        }
    }

    /**
     * Steps the core with the inputs waiting, those that arrive meanwhile included, until none
     * waits (or a full inbox's worth has been taken, so a flood cannot hold timers off for good),
     * before any timer that fell due meanwhile fires. After a stall (a starved CPU, a long GC) a
     * timer may be overdue while the votes that arrived before its deadline still wait; firing it
     * first let FastLeaderElection end its finalize wait "without a better vote" that was already
     * here, and follow a peer that never led (seen in ElectionLatencyBenchmark under load).
     * ZooKeeper's finalize wait likewise takes what its queue holds before it decides. Returns
     * false once a stop input was taken.
     */
    private boolean stepWaiting() {
        for (int taken = 0; taken < inboxCapacity; taken++) {
            LoopInput input = inbox.poll();
            if (input == null) {
                return true;
            }
            if (!step(input)) {
                return false;
            }
        }
        return true;
    }

    private long waitNanos() {
        long now = ticker.getAsLong();
        long next = Long.MAX_VALUE;
        for (long deadline : timers.values()) {
            next = Math.min(next, deadline);
        }
        return next == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : Math.max(0, next - now);
    }

    private boolean step(LoopInput input) {
        long now = ticker.getAsLong();
        if (input instanceof LoopInput.Stop) {
            return false;
        } else if (input instanceof LoopInput.Start) {
            core.start(now, effects);
        } else if (input instanceof LoopInput.Message m) {
            core.onMessage(m.from(), ByteBuffer.wrap(m.payload()).asReadOnlyBuffer(), now, effects);
        } else if (input instanceof LoopInput.Link link) {
            core.onLink(link.sid(), link.up(), now, effects);
        } else if (input instanceof LoopInput.Unreachable unreachable) {
            core.onUnreachable(unreachable.sid(), now, effects);
        } else if (input instanceof LoopInput.PeerState state) {
            core.onPeerState(state.state(), state.vote(), now, effects);
        }
        apply();
        return true;
    }

    private void fireDueTimers() {
        long now = ticker.getAsLong();
        TimerKey due = nextDue(now);
        while (due != null) {
            timers.remove(due);
            core.onTimer(due, now, effects);
            apply();
            due = nextDue(now);
        }
    }

    private TimerKey nextDue(long now) {
        TimerKey earliest = null;
        long earliestDeadline = Long.MAX_VALUE;
        for (Map.Entry<TimerKey, Long> timer : timers.entrySet()) {
            if (timer.getValue() <= now && timer.getValue() < earliestDeadline) {
                earliest = timer.getKey();
                earliestDeadline = timer.getValue();
            }
        }
        return earliest;
    }

    private void apply() {
        for (Effect effect : effects.drain()) {
            if (effect instanceof EffectBuffer.Send send) {
                sentMessages.incrementAndGet();
                sentBytes.addAndGet(send.payload().length);
                sender.send(send.to(), send.payload());
            } else if (effect instanceof EffectBuffer.SetTimer set) {
                timers.put(set.key(), set.deadlineNanos());
            } else if (effect instanceof EffectBuffer.CancelTimer cancel) {
                timers.remove(cancel.key());
            } else if (effect instanceof EffectBuffer.Decide decide) {
                decided(new Decision(decide.vote(), decide.role()));
            } else if (effect instanceof EffectBuffer.VoterLooking looking) {
                voterLooking.accept(looking.sid());
            } else if (effect instanceof EffectBuffer.LookAgain again) {
                LOG.info("the election asks to look for a leader again: {}", again.reason());
                lookAgain.accept(again.reason());
            } else if (effect instanceof EffectBuffer.TraceLine line) {
                LOG.debug("{}", line.line());
            }
        }
    }

    private void decided(Decision decision) {
        LOG.debug("decided {} for leader {}", decision.role(), decision.leader());
        decisions.accept(decision);
    }

    /** Stops the loop and waits for its thread. */
    @Override
    public void close() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        if (!inbox.offer(new LoopInput.Stop())) {
            running.interrupt();
        }
        try {
            if (!threads.joinAll(JOIN_MILLIS)) {
                LOG.warn("the election loop did not stop within {} ms", JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
