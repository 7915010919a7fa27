package io.quorum.dist.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made trials and results for the statistics and output tests. */
final class BenchFixtures {

    private BenchFixtures() {
    }

    static TrialResult trial(String system, Scenario scenario, int size, int trial, double millis) {
        return new TrialResult(system, scenario, size, trial, millis, 3, null, List.of(
                new PeerMeasure(1, 10.0, null, null, 0.5, 80_000L),
                new PeerMeasure(2, 12.0, null, null, 0.75, 90_000L),
                new PeerMeasure(3, null, null, null, 0.25, 85_000L)));
    }

    /** Two systems, cold start at size 3, warm-up plus three trials each, interleaved; one failure. */
    static BenchResults results() {
        List<TrialResult> trials = new ArrayList<>();
        double[] ours = {999, 100, 200, 300};
        double[] theirs = {999, 400, 400, 600};
        for (int i = 0; i <= 3; i++) {
            trials.add(trial("quorum:3", Scenario.COLD_START, 3, i, ours[i]));
            trials.add(i == 2 ? TrialResult.failed("zookeeper-3.9.5:3", Scenario.COLD_START, 3, i, "no leader, \"x\"")
                    : trial("zookeeper-3.9.5:3", Scenario.COLD_START, 3, i, theirs[i]));
        }
        BenchSettings settings = new BenchSettings(List.of("quorum:3", "zookeeper-3.9.5:3"), List.of(3),
                List.of(Scenario.COLD_START), 3, Network.REAL, 1, "zookeeper-3.9.5:3");
        return new BenchResults(settings, Map.of("processors", "2"), trials, Map.of());
    }
}
