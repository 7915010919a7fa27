package io.quorum.peer.warmup;

import io.quorum.api.election.ElectionProvider;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.transport.runtime.SystemTicker;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rehearses what a failover runs, once, soon after the peer process starts: elections of the
 * peer's own algorithm in which the leader stops and the others elect again, then leader and
 * learner sessions, all among throw-away in-process peers on loopback ports and temporary
 * directories. Java runs code interpreted until it has run often enough to be compiled, and a
 * real failover runs its code a few times only: without the rehearsal a failover is interpreted
 * exactly when it must be fast, and the survivors spend their CPU compiling it (measured on five
 * peer processes: a third of their CPU during a failover went to the JIT compiler).
 *
 * <p>It starts {@value #STRAGGLERS_MILLIS} ms after the peer first leads or follows, so it never
 * competes with the first election and its sync, and ends after {@value #ELECTIONS} elections and {@value #SESSIONS} sessions or
 * {@value #BUDGET_MILLIS} ms, whichever comes first. Failure only costs the gain.
 * {@code -Dquorum.warmup=false} turns it off (to compare).
 */
public final class PeerWarmup {
    static final int ELECTIONS = 10;
    static final int SESSIONS = 10;
    static final long BUDGET_MILLIS = 2_000;
    static final long STRAGGLERS_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(PeerWarmup.class);

    private final ElectionProvider provider;
    private final long myId;
    private final AtomicBoolean started = new AtomicBoolean();

    public PeerWarmup(ElectionProvider provider, long myId) {
        this.provider = provider;
        this.myId = myId;
    }

    /** Whether peer processes rehearse; {@code -Dquorum.warmup=false} says no. */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("quorum.warmup", "true"));
    }

    /**
     * A listener that hands the rehearsal to {@code launch} (which runs it on a thread of its own)
     * the first time the peer has a role, and never again.
     */
    public LeadershipListener startingOnFirstRole(Consumer<Runnable> launch) {
        return new LeadershipListener() {
            @Override
            public void leading(long epoch) {
                startOnce(launch);
            }

            @Override
            public void following(long leaderId, long epoch) {
                startOnce(launch);
            }

            @Override
            public void looking() {
                // Nothing: the rehearsal waits for a role, so that it does not slow an election down.
            }
        };
    }

    private void startOnce(Consumer<Runnable> launch) {
        if (started.compareAndSet(false, true)) {
            launch.accept(this::runAfterStragglers);
        }
    }

    /**
     * The first role comes when a quorum has synced; the last members of a large ensemble sync a
     * moment later, on the same CPUs when the peers share a machine. Let them finish first.
     */
    private void runAfterStragglers() {
        try {
            Thread.sleep(STRAGGLERS_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        run();
    }

    /** The session warm-up alone, for the first election of a process (see {@link SessionWarmup}). */
    public static void warmSessions(long myId) {
        SessionWarmup.run(myId);
    }

    /** Runs the rehearsals until done or out of budget; never throws. */
    public Rehearsed run() {
        long begun = SystemTicker.INSTANCE.nanoTime();
        long deadline = begun + BUDGET_MILLIS * 1_000_000;
        int elections = 0;
        int sessions = 0;
        ExecutorService callers = Executors.newCachedThreadPool();
        try (Rehearsal marked = Rehearsal.mark()) {
            // Taking turns, so that a short budget (a slow or busy machine) still rehearses both.
            boolean electing = ElectionWarmup.supports(provider);
            while ((electing && elections < ELECTIONS || sessions < SESSIONS) && SystemTicker.INSTANCE.nanoTime() < deadline) {
                if (electing && elections < ELECTIONS) {
                    ElectionWarmup.rehearse(provider, callers);
                    elections++;
                }
                if (sessions < SESSIONS && SystemTicker.INSTANCE.nanoTime() < deadline) {
                    SessionWarmup.run(myId);
                    sessions++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("rehearsal stopped early: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            callers.shutdownNow();
        }
        Rehearsed done = new Rehearsed(elections, sessions, (SystemTicker.INSTANCE.nanoTime() - begun) / 1_000_000);
        LOG.info("rehearsed {} elections and {} sessions in {} ms", done.elections(), done.sessions(), done.millis());
        return done;
    }

    /** What one rehearsal ran. */
    public record Rehearsed(int elections, int sessions, long millis) {
    }
}
