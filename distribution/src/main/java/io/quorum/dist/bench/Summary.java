package io.quorum.dist.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample. The median of an even count is the mean of the middle two; p90 is
 * the nearest-rank 90th percentile (the smallest value with at least 90% of the sample at or
 * below it), so every figure but the median is a value that was measured.
 *
 * @param count how many values
 */
public record Summary(int count, double min, double median, double p90, double max) {

    /** @throws IllegalArgumentException for an empty sample or one holding NaN */
    public static Summary of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (Arrays.stream(sorted).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("a value is NaN");
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(n, sorted[0], median, nearestRank(sorted, 0.9), sorted[n - 1]);
    }

    /** The nearest-rank percentile: the value at rank ceil(p * n), 1-based. */
    static double nearestRank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** The first quartile, nearest rank, for box plots. */
    public static double q1(Collection<Double> values) {
        return nearestRank(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.25);
    }

    /** The third quartile, nearest rank, for box plots. */
    public static double q3(Collection<Double> values) {
        return nearestRank(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.75);
    }
}
