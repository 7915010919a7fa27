package io.quorum.dist.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessUsageTest {

    @Test
    void cpuTimeIsUserPlusSystemTicksCountedFromTheLastParenthesis() {
        // A command name may hold blanks and parentheses; fields 14 and 15 are utime and stime.
        String stat = "4242 (java (peer) 1) S 1 4242 4242 0 -1 4194304 5000 0 0 0 250 75 0 0 20 0 30 0 100 0 0";

        assertThat(ProcessUsage.cpuSeconds(stat)).isEqualTo(3.25);
    }

    @Test
    void peakRssIsVmHwm() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmHWM:\t   83096 kB\nVmRSS:\t   80000 kB\n";

        assertThat(ProcessUsage.peakRssKib(status)).isEqualTo(83096);
        assertThatThrownBy(() -> ProcessUsage.peakRssKib("Name:\tjava\n")).hasMessageContaining("VmHWM");
    }

    @Test
    void readsThisJvmWhileItRuns() {
        ProcessUsage usage = ProcessUsage.of(ProcessHandle.current().pid()).orElseThrow();

        assertThat(usage.cpuSeconds()).isPositive();
        assertThat(usage.peakRssKib()).isGreaterThan(10_000);
    }

    @Test
    void aProcessThatIsGoneHasNoUsage() {
        assertThat(ProcessUsage.of(Long.MAX_VALUE)).isEmpty();
    }
}
