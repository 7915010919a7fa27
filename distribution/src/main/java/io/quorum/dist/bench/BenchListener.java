package io.quorum.dist.bench;

/** Told of a run's progress, on the thread that runs it. */
public interface BenchListener {

    /** A trial ended; {@code done} of {@code total} trials have. */
    void trialDone(TrialResult result, long done, long total);

    /** Something the user should know while waiting, e.g. that ZooKeeper is being resolved. */
    void note(String message);
}
