package io.quorum.dist.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.support.PortRange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnsembleLayoutTest {
    private static final PortRange LINUX_DEFAULT = new PortRange(32_768, 60_999);

    @Test
    void portsArePeerByPeerClientQuorumElection() {
        EnsembleLayout layout = new EnsembleLayout(3, 0, "3", 21_800, Path.of("/tmp/x"));

        assertThat(layout.ports()).containsExactly(21_801, 21_901, 22_001, 21_802, 21_902, 22_002, 21_803, 21_903, 22_003);
    }

    @Test
    void theDefaultLayoutGetsNoWarning() {
        EnsembleLayout layout = new EnsembleLayout(3, 0, "3", EnsembleLayout.DEFAULT_BASE_PORT, Path.of("/tmp/x"));

        assertThat(layout.ephemeralRangeWarning(LINUX_DEFAULT)).isEmpty();
    }

    /** A CI run on base port 48700 re-elected a leader that could not bind its quorum port for six seconds. */
    @Test
    void portsInTheEphemeralRangeAreNamedWithABasePortThatAvoidsThem() {
        EnsembleLayout inside = new EnsembleLayout(3, 0, "3", 48_700, Path.of("/tmp/x"));
        EnsembleLayout straddling = new EnsembleLayout(5, 0, "3", 32_600, Path.of("/tmp/x"));

        assertThat(inside.ephemeralRangeWarning(LINUX_DEFAULT)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("9 of the ports (48701..48903)", "ephemeral range 32768-60999", "--base-port below 32565"));
        assertThat(straddling.ephemeralRangeWarning(LINUX_DEFAULT)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("5 of the ports (32801..32805)").contains("--base-port below 32563"));
        assertThat(new EnsembleLayout(5, 0, "3", 32_562, Path.of("/tmp/x")).ephemeralRangeWarning(LINUX_DEFAULT)).isEmpty();
    }
}
