package io.quorum.dist.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar with an estimate of the time left, redrawn in place on a terminal. When
 * the output is not a terminal it is silent, or, if asked to, writes one plain line per update
 * (for long runs whose log should still show how far they got).
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final String unit;
    private final boolean terminal;
    private final boolean linesElsewhere;
    private final LongSupplier nanoClock;
    private final long startedAt;

    /** A bar counting seeds, silent off a terminal. */
    ProgressBar(PrintWriter err, long total) {
        this(err, total, "seeds", System.console() != null, false, System::nanoTime);
    }

    /**
     * @param unit what is counted, e.g. {@code trials}
     * @param terminal whether {@code err} is a terminal (redraw in place)
     * @param linesElsewhere whether to write plain lines when it is not
     * @param nanoClock for the estimate of the time left
     */
    ProgressBar(PrintWriter err, long total, String unit, boolean terminal, boolean linesElsewhere,
            LongSupplier nanoClock) {
        this.err = err;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
        this.linesElsewhere = linesElsewhere;
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
    }

    void update(long done, long violations) {
        update(done, violations + " violations");
    }

    /** Shows {@code done} of the total, {@code detail} after it, and the time left at the rate so far. */
    void update(long done, String detail) {
        if (!terminal && !linesElsewhere) {
            return;
        }
        int filled = (int) (WIDTH * Math.min(done, total) / Math.max(total, 1));
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %s, %s%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, unit, eta(done), detail.isEmpty() ? "" : ", " + detail);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** {@code ETA 1m05s}, from the mean time per unit so far; {@code ETA ?} before the first one. */
    String eta(long done) {
        if (done <= 0) {
            return "ETA ?";
        }
        long elapsed = nanoClock.getAsLong() - startedAt;
        long seconds = Math.round(elapsed / 1e9 / done * Math.max(0, total - done));
        return seconds >= 60 ? String.format(Locale.ROOT, "ETA %dm%02ds", seconds / 60, seconds % 60)
                : "ETA " + seconds + "s";
    }

    void finish() {
        if (terminal) {
            err.println();
        }
    }
}
