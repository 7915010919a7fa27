package io.quorum.examples.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.KnobSpace;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SweepSummary;
import org.junit.jupiter.api.Test;

/**
 * The reason for pre-vote and check-quorum (etcd's): a follower cut off from everyone and healed
 * again must not depose a healthy leader. The simulator's scripted rejoin isolates one follower
 * after the first election, makes it look for a leader alone for 1 to 3 s, then heals it, and
 * counts the elections that changed the leader. With the safeguards (as shipped) there are none;
 * with both off (classic Raft) the lone peer's rising term deposes the leader in most runs, which
 * shows the count can see a disruption.
 */
class RaftRejoinTest {
    static final int SEEDS = Integer.getInteger("quorum.sim.seeds", 1000);
    /** Long enough that the cut heals (at most 3.5 s after the first election) before the network does. */
    private static final long SAFETY_PHASE_NANOS = 6_000_000_000L;

    static SweepSummary sweep(KnobSpace knobs, int seeds) {
        SimulationOptions template = RaftSimulationTest.options(5).observers(0).schedule(FaultSchedule.NONE)
                .rejoin(true).safetyPhaseNanos(SAFETY_PHASE_NANOS).knobSpace(knobs).traceTailLines(60).build();
        return new SeedSweep(new RaftElectionProvider(), template, 100, () -> 0L).run(1, seeds);
    }

    @Test
    void withPreVoteAndCheckQuorumARejoiningPeerNeverChangesTheLeader() {
        SweepSummary summary = sweep(RaftKnobs.drawn(), SEEDS);

        RaftSimulationTest.assertClean(summary);
        assertThat(summary.leaderChanges()).as(summary.summary()).isZero();
    }

    @Test
    void classicRaftLetsTheRejoiningPeerDeposeTheLeader() {
        int seeds = Math.min(SEEDS, 200);
        SweepSummary summary = sweep(RaftKnobs.drawn(false, false), seeds);

        assertThat(summary.violations()).as(summary.summary()).isEmpty();
        assertThat(summary.leaderChanges()).as(summary.summary()).isGreaterThan(seeds / 2);
    }
}
