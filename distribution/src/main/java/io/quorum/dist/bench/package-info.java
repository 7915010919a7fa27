/**
 * {@code quorum bench}: election algorithms, and real ZooKeeper releases as baselines, measured the
 * same way in one interleaved run, with statistics, pair-wise ratios and a self-contained report.
 */
package io.quorum.dist.bench;
