package io.quorum.dist.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a bench run produced.
 *
 * @param settings what was asked
 * @param machine where it ran (processor, memory, JVM, load before and after)
 * @param trials every trial, warm-ups included, in the order they ran
 * @param timelines per quorum system, one simulated cold start's trace, for the report's timeline pictures
 */
public record BenchResults(BenchSettings settings, Map<String, String> machine, List<TrialResult> trials,
        Map<String, String> timelines) {

    public BenchResults {
        machine = Map.copyOf(new LinkedHashMap<>(machine));
        trials = List.copyOf(trials);
        timelines = new LinkedHashMap<>(timelines);
    }

    /** One system's measured time in one scenario at one size. */
    public record Cell(String system, Scenario scenario, int size, List<Double> millis, int failed, Summary summary) {
    }

    /** The measured (non-warm-up) trials per system, scenario and size, in settings order; summary null if all failed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int size : settings.sizes()) {
            for (Scenario scenario : settings.scenarios()) {
                for (String system : settings.systems()) {
                    List<Double> millis = new ArrayList<>();
                    int failed = 0;
                    for (TrialResult t : trials) {
                        if (t.system().equals(system) && t.scenario() == scenario && t.size() == size && !t.warmUp()) {
                            if (t.ok()) {
                                millis.add(t.millis());
                            } else {
                                failed++;
                            }
                        }
                    }
                    if (!millis.isEmpty() || failed > 0) {
                        cells.add(new Cell(system, scenario, size, millis, failed,
                                millis.isEmpty() ? null : Summary.of(millis)));
                    }
                }
            }
        }
        return cells;
    }

    public List<Ratios.Row> ratios() {
        return Ratios.against(settings.baseline(), trials);
    }
}
