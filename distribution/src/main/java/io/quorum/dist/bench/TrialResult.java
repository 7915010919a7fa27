package io.quorum.dist.bench;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One trial of one system in one scenario at one size.
 *
 * @param system the system's label, e.g. {@code quorum:3}
 * @param scenario what was done
 * @param size peers in the view
 * @param trial 0 for the warm-up (left out of the statistics), then 1, 2, ...
 * @param millis the measured time (wall clock for real peers, virtual for simulated ones); null when failed
 * @param leader the leader the trial ended with; -1 when failed or unknown
 * @param error why the trial failed; null when it did not
 * @param peers each peer's own figures
 */
public record TrialResult(String system, Scenario scenario, int size, int trial, Double millis, long leader,
        String error, List<PeerMeasure> peers) {

    public TrialResult {
        Objects.requireNonNull(system, "system is null");
        Objects.requireNonNull(scenario, "scenario is null");
        peers = List.copyOf(peers);
        if ((millis == null) == (error == null)) {
            throw new IllegalArgumentException("a trial has a time or an error, exactly one");
        }
    }

    public static TrialResult failed(String system, Scenario scenario, int size, int trial, String error) {
        return new TrialResult(system, scenario, size, trial, null, -1, error, List.of());
    }

    /** The largest of one figure over the peers that have it; null if none has. */
    public Double maxOver(Function<PeerMeasure, ? extends Number> figure) {
        return peers.stream().map(figure).filter(Objects::nonNull).map(Number::doubleValue).max(Double::compare)
                .orElse(null);
    }

    /** The sum of one figure over the peers that have it; null if none has. */
    public Double sumOver(Function<PeerMeasure, ? extends Number> figure) {
        List<Double> values = peers.stream().map(figure).filter(Objects::nonNull).map(Number::doubleValue).toList();
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
    }

    public boolean warmUp() {
        return trial == 0;
    }

    public boolean ok() {
        return error == null;
    }
}
