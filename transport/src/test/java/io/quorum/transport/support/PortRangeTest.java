package io.quorum.transport.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class PortRangeTest {

    /** The range read is the kernel's: every port it picks for a bind to port 0 lies in it. */
    @Test
    void theEphemeralRangeReadHoldsEveryPortTheKernelPicks() {
        assertThat(LoopbackPorts.distinct(50)).allMatch(PortRange.ephemeral()::contains);
    }

    @Test
    void aFailedBindInTheEphemeralRangeGetsAHintAndOthersNone() {
        PortRange ephemeral = PortRange.ephemeral();

        assertThat(PortRange.bindHint(ephemeral.first(), new BindException("Address already in use"))).contains("port " + ephemeral.first(),
                "kernel's ephemeral range " + ephemeral.first() + "-" + ephemeral.last(),
                "configure ports below " + ephemeral.first());
        assertThat(PortRange.bindHint(ephemeral.first() - 1, new BindException("Address already in use"))).isEmpty();
    }

    @Test
    void onlyAPortInUseGetsTheHint() {
        int inside = PortRange.ephemeral().first();

        assertThat(PortRange.bindHint(inside, new IOException("Cannot assign requested address"))).isEmpty();
    }

    @Test
    void boundsAreChecked() {
        assertThat(new PortRange(10, 12).size()).isEqualTo(3);
        assertThat(new PortRange(10, 12).contains(12)).isTrue();
        assertThat(new PortRange(10, 12).contains(13)).isFalse();
        assertThatThrownBy(() -> new PortRange(12, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
