package io.quorum.dist.bench;

import static io.quorum.dist.bench.BenchFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {

    @Test
    void dividesTrialByTrialNotMedianByMedian() {
        List<TrialResult> trials = List.of(
                trial("a", Scenario.COLD_START, 3, 1, 100), trial("base", Scenario.COLD_START, 3, 1, 400),
                trial("a", Scenario.COLD_START, 3, 2, 300), trial("base", Scenario.COLD_START, 3, 2, 300),
                trial("a", Scenario.COLD_START, 3, 3, 900), trial("base", Scenario.COLD_START, 3, 3, 100));

        List<Ratios.Row> rows = Ratios.against("base", trials);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.system()).isEqualTo("a");
            assertThat(row.ratios()).containsExactly(0.25, 1.0, 9.0);
            assertThat(row.summary().median()).isEqualTo(1.0);
        });
        // The ratio of the medians (300 / 300) happens to agree here; the pairs carry the spread.
        assertThat(rows.get(0).summary().min()).isEqualTo(0.25);
        assertThat(rows.get(0).summary().max()).isEqualTo(9.0);
    }

    @Test
    void leavesOutWarmUpsFailuresAndUnpairedTrials() {
        List<TrialResult> trials = List.of(
                trial("a", Scenario.COLD_START, 3, 0, 1), trial("base", Scenario.COLD_START, 3, 0, 1000),
                trial("a", Scenario.COLD_START, 3, 1, 50), TrialResult.failed("base", Scenario.COLD_START, 3, 1, "x"),
                trial("a", Scenario.COLD_START, 3, 2, 50), trial("base", Scenario.COLD_START, 3, 2, 100),
                trial("a", Scenario.COLD_START, 3, 3, 70));

        assertThat(Ratios.against("base", trials)).singleElement()
                .satisfies(row -> assertThat(row.ratios()).containsExactly(0.5));
    }

    @Test
    void keepsScenariosAndSizesApart() {
        List<TrialResult> trials = List.of(
                trial("a", Scenario.COLD_START, 3, 1, 10), trial("base", Scenario.COLD_START, 3, 1, 20),
                trial("a", Scenario.COLD_START, 5, 1, 30), trial("base", Scenario.COLD_START, 5, 1, 10),
                trial("a", Scenario.LEADER_CRASH, 3, 1, 5), trial("base", Scenario.LEADER_CRASH, 3, 1, 50));

        assertThat(Ratios.against("base", trials)).extracting(r -> r.scenario() + "/" + r.size() + "=" + r.ratios())
                .containsExactly("cold-start/3=[0.5]", "cold-start/5=[3.0]", "leader-crash/3=[0.1]");
    }
}
