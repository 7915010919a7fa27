package io.quorum.peer.zab;

import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.session.SessionOutbox;
import io.quorum.peer.session.SessionTimer;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;

/**
 * The effects both session kinds share, carried out as the core asks for them, which is in call
 * order. Persistence goes to the peer's {@link PeerHistory}, whose stores fsync before they
 * return; when one fails, every later effect is skipped and the session ends, as the
 * {@link SessionOutbox} contract requires.
 */
abstract class DriverOutbox implements SessionOutbox {
    protected final PeerHistory history;
    protected final SessionLoop loop;
    private final LongConsumer establishedListener;
    private final Logger log;
    private String endReason;

    DriverOutbox(PeerHistory history, SessionLoop loop, LongConsumer establishedListener, Logger log) {
        this.history = history;
        this.loop = loop;
        this.establishedListener = establishedListener;
        this.log = log;
    }

    /** Why the session ended, or null while it runs. */
    final String endReason() {
        return endReason;
    }

    final boolean ended() {
        return endReason != null;
    }

    /** Ends the session; the first reason wins, and no later effect is carried out. */
    final void end(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    @FunctionalInterface
    interface DiskWrite {
        void run() throws IOException;
    }

    /** Runs a durable write; its failure ends the session, naming what could not be stored. */
    final void persist(String what, DiskWrite write) {
        if (ended()) {
            return;
        }
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            log.error("could not store {}: {}", what, e.toString());
            end("could not store " + what + ": " + e.getMessage());
        }
    }

    @Override
    public final void persistAcceptedEpoch(long epoch) {
        persist("acceptedEpoch " + epoch, () -> history.acceptEpoch(epoch));
    }

    @Override
    public final void markUpdatingEpoch() {
        persist("the updatingEpoch marker", history::markUpdatingEpoch);
    }

    @Override
    public final void persistCurrentEpoch(long epoch) {
        persist("currentEpoch " + epoch, () -> history.setCurrentEpoch(epoch));
    }

    @Override
    public final void clearUpdatingEpoch() {
        persist("the removal of the updatingEpoch marker", history::clearUpdatingEpoch);
    }

    @Override
    public final void setTimer(SessionTimer key, long deadlineNanos) {
        if (!ended()) {
            loop.setTimer(key, deadlineNanos);
        }
    }

    @Override
    public final void established(long epoch) {
        if (!ended()) {
            establishedListener.accept(epoch);
        }
    }

    @Override
    public final void lost(String reason) {
        end(reason);
    }

    @Override
    public final void trace(String line) {
        log.debug(line);
    }
}
