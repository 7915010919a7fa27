package io.quorum.dist.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times relative to a baseline, pair by pair: trial i of a system divided by trial i of the
 * baseline in the same scenario and size. The two ran back to back (trials are interleaved), so
 * each pair saw the same machine load; summarising the ratios rather than dividing two medians
 * keeps that pairing. Pairs where either trial failed, and warm-ups, are left out.
 */
public final class Ratios {

    private Ratios() {
    }

    /** One system against the baseline in one scenario and size. */
    public record Row(String system, Scenario scenario, int size, List<Double> ratios, Summary summary) {
    }

    /** A row per (system other than the baseline, scenario, size) with at least one pair. */
    public static List<Row> against(String baseline, List<TrialResult> trials) {
        Map<Key, TrialResult> base = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            if (t.system().equals(baseline) && t.ok() && !t.warmUp()) {
                base.put(new Key(t.scenario(), t.size(), t.trial()), t);
            }
        }
        Map<RowKey, List<Double>> ratios = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            if (t.system().equals(baseline) || !t.ok() || t.warmUp()) {
                continue;
            }
            Optional.ofNullable(base.get(new Key(t.scenario(), t.size(), t.trial())))
                    .filter(b -> b.millis() > 0)
                    .ifPresent(b -> ratios.computeIfAbsent(new RowKey(t.system(), t.scenario(), t.size()),
                            k -> new ArrayList<>()).add(t.millis() / b.millis()));
        }
        List<Row> rows = new ArrayList<>();
        ratios.forEach((k, list) -> rows.add(new Row(k.system(), k.scenario(), k.size(), List.copyOf(list),
                Summary.of(list))));
        return rows;
    }

    private record Key(Scenario scenario, int size, int trial) {
    }

    private record RowKey(String system, Scenario scenario, int size) {
    }
}
