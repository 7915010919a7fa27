package io.quorum.peer.sim;

import io.quorum.peer.session.SessionTimings;
import io.quorum.transport.sim.FaultSchedule;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The session layer's knobs for one run, drawn from the seed: ZooKeeper's tickTime, initLimit and
 * syncLimit (scaled down from the 2 s / 10 / 5 defaults, so that sessions time out within a
 * safety phase, yet initLimit ticks stay well above an election's length), how soon a learner
 * dials its leader again, and how often a peer crashes next to one of its durable writes (only
 * under schedules with crashes).
 *
 * @param timings the session timings
 * @param connectRetryNanos a learner's pause between connection attempts
 * @param writeCrashProbability the chance that a durable write has a crash right before, inside or after it
 */
record SessionSettings(SessionTimings timings, long connectRetryNanos, double writeCrashProbability) {
    private static final long MS = 1_000_000L;

    static SessionSettings draw(SplittableRandom r, FaultSchedule schedule, PeerSimOptions options) {
        SessionTimings drawn = new SessionTimings(r.nextLong(100 * MS, 500 * MS + 1), r.nextInt(5, 11), r.nextInt(2, 6));
        long retry = r.nextLong(5 * MS, 100 * MS + 1);
        double crash = r.nextDouble(0, options.writeCrashProbabilityMax());
        boolean crashes = schedule == FaultSchedule.CRASH || schedule == FaultSchedule.ALL;
        return new SessionSettings(options.timings() != null ? options.timings() : drawn, retry, crashes ? crash : 0);
    }

    List<String> describe() {
        return List.of("knob session tickNanos=" + timings.tickNanos() + " initLimit=" + timings.initLimit() + " syncLimit="
                + timings.syncLimit() + " connectRetryNanos=" + connectRetryNanos + " writeCrashProbability="
                + writeCrashProbability);
    }
}
