package io.quorum.dist.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzzing campaign at build size: a couple of thousand cases per port (more with
 * {@code -Dquorum.fuzz.cases=N}; the 100,000-case run is {@link FuzzCampaign#main}).
 */
class FuzzingTest {
    @TempDir
    Path root;

    @Test
    void everyPortShrugsOffFuzzAndTheEnsemblesStillServeAndElect() throws Exception {
        int cases = Integer.getInteger("quorum.fuzz.cases", 2_000);
        FuzzCampaign.Report report = new FuzzCampaign(root, cases, Long.getLong("quorum.fuzz.seed", 1)).run();

        assertThat(report.failures()).as(report.describe()).isZero();
        assertThat(report.ports()).hasSize(9).allSatisfy(port -> assertThat(port.cases()).isPositive());
    }
}
