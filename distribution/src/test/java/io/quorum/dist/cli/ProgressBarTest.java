package io.quorum.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong now = new AtomicLong();
    private final StringWriter text = new StringWriter();

    @Test
    void estimatesTheTimeLeftFromTheRateSoFar() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 10, "trials", false, true, now::get);

        assertThat(bar.eta(0)).isEqualTo("ETA ?");
        now.set(20_000_000_000L);
        assertThat(bar.eta(2)).isEqualTo("ETA 1m20s");
        now.set(45_000_000_000L);
        assertThat(bar.eta(9)).isEqualTo("ETA 5s");
    }

    @Test
    void writesPlainLinesOffATerminalWhenAsked() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 4, "trials", false, true, now::get);
        now.set(1_000_000_000L);

        bar.update(1, "quorum:3 cold-start 3: 12.0 ms");

        assertThat(text.toString()).isEqualTo("[#######                       ] 1/4 trials, ETA 3s, quorum:3 cold-start 3: 12.0 ms"
                + System.lineSeparator());
    }

    @Test
    void staysSilentOffATerminalOtherwise() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 4, "seeds", false, false, now::get);

        bar.update(1, 0);
        bar.finish();

        assertThat(text.toString()).isEmpty();
    }
}
