package io.quorum.dist.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar redrawn in place on a terminal; silent when output is not a terminal. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;

    ProgressBar(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
        this.enabled = System.console() != null;
    }

    void update(long done, long violations) {
        if (!enabled) {
            return;
        }
        int filled = (int) (WIDTH * done / Math.max(total, 1));
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d seeds, %d violations", "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, violations);
        err.flush();
    }

    void finish() {
        if (enabled) {
            err.println();
        }
    }
}
