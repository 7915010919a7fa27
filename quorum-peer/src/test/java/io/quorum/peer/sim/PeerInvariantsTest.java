package io.quorum.peer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import io.quorum.transport.sim.Violation;
import org.junit.jupiter.api.Test;

/**
 * Every peer-level invariant fires on a setup broken on purpose, so none of them can be
 * vacuous: a session core with one step changed ({@link BrokenCores}), or a state injected
 * through an intervention. Where a broken core needs the right interleaving to do harm, seeds are
 * searched in a small fixed range, and the first failing run must fail on the invariant meant.
 */
class PeerInvariantsTest {
    private static final long MS = 1_000_000L;
    private static final int SEARCH = 400;

    /** The first violation among seeds 1..SEARCH, which must exist. */
    private static Violation firstViolation(SimulationOptions template) {
        for (long seed = 1; seed <= SEARCH; seed++) {
            SimulationResult run = PeerSimulation.run(PeerSims.FLE, template.withSeed(seed));
            if (!run.passed()) {
                return run.violations().get(0);
            }
        }
        throw new AssertionError("no seed in 1.." + SEARCH + " broke an invariant");
    }

    private static SimulationOptions template(int voters, int observers, FaultSchedule schedule, PeerSimOptions options) {
        return PeerSims.template(voters, observers, schedule, options).build();
    }

    @Test
    void learnersForgettingTheirEpochsLetTwoLeadersEstablishOneEpoch() {
        Violation v = firstViolation(template(3, 0, FaultSchedule.PARTITION,
                PeerSimOptions.defaults().withCores(BrokenCores.learnersForgettingEpochs())));

        assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.ONE_LEADER_PER_EPOCH);
        assertThat(v.message()).contains("established by n").contains("but n");
    }

    @Test
    void aDataDirectoryRolledBackMakesEpochsGoDown() {
        PeerSimOptions rollback = PeerSimOptions.defaults().withIntervention(1_000 * MS, "n1's data directory rolled back",
                layer -> {
                    layer.store(1).setCurrentEpoch(0);
                    layer.store(1).setAcceptedEpoch(0);
                });

        SimulationResult run = PeerSimulation.run(PeerSims.FLE,
                PeerSims.template(3, 0, FaultSchedule.NONE, rollback).safetyPhaseNanos(2_000 * MS).build().withSeed(1));

        assertThat(run.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.EPOCHS_NEVER_DECREASE);
            assertThat(v.message()).startsWith("n1 acceptedEpoch on disk went down from");
            assertThat(v.atNanos()).isEqualTo(1_000 * MS);
        });
    }

    @Test
    void learnersForgettingAcceptedEpochPutCurrentEpochAboveIt() {
        Violation v = firstViolation(template(3, 0, FaultSchedule.NONE,
                PeerSimOptions.defaults().withCores(BrokenCores.learnersForgettingAcceptedEpoch())));

        assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.CURRENT_WITHIN_ACCEPTED);
        assertThat(v.seed()).isEqualTo(1);
    }

    @Test
    void learnersUnderReportingTheirHistoryLetALeaderBehindItsQuorumEstablish() {
        Violation v = firstViolation(template(5, 0, FaultSchedule.ALL,
                PeerSimOptions.defaults().withCores(BrokenCores.learnersUnderReporting())));

        assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.LEADER_HOLDS_ITS_QUORUM);
        assertThat(v.message()).contains("acknowledged it with the more recent");
    }

    @Test
    void aLeaderCountingItselfAloneEstablishesWithoutAQuorum() {
        Violation v = firstViolation(template(3, 0, FaultSchedule.NONE,
                PeerSimOptions.defaults().withCores(BrokenCores.leadersAloneAQuorum())));

        assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.LEADER_HOLDS_ITS_QUORUM);
        assertThat(v.message()).contains("acknowledged the epoch");
        assertThat(v.seed()).isEqualTo(1);
    }

    @Test
    void anObserverPutInALeaderSessionIsCaught() {
        PeerSimOptions observerLeads = PeerSimOptions.defaults().withIntervention(500 * MS, "n4 (an observer) leads",
                layer -> layer.startLeaderSession(4));

        SimulationResult run = PeerSimulation.run(PeerSims.FLE,
                PeerSims.template(3, 1, FaultSchedule.NONE, observerLeads).build().withSeed(1));

        assertThat(run.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.OBSERVERS_NEVER_LEAD);
            assertThat(v.message()).isEqualTo("n4 (OBSERVER) runs a leader session");
        });
    }

    @Test
    void aSyncMadeDurableBeforeTheMarkerLeavesADataDirectoryRecoveryRefuses() {
        Violation v = firstViolation(template(3, 0, FaultSchedule.CRASH,
                PeerSimOptions.defaults().withCores(BrokenCores.learnersSyncingBeforeTheMarker())
                        .withWriteCrashProbabilityMax(1.0)));

        assertThat(v.invariant()).as(v.toString()).isEqualTo(PeerInvariants.DATA_DIR_RECOVERS);
        assertThat(v.message()).contains("is older than the last zxid");
    }

    @Test
    void learnersThatNeverRegisterLeaveNoLeaderEstablishedWhenFaultsHeal() {
        SimulationResult run = PeerSimulation.run(PeerSims.FLE, PeerSims.template(3, 0, FaultSchedule.NONE,
                PeerSimOptions.defaults().withCores(BrokenCores.learnersNeverRegistering()))
                .livenessBoundNanos(20_000 * MS).build().withSeed(1));

        assertThat(run.violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).as(v.toString()).isEqualTo("liveness-after-healing");
            assertThat(v.message()).contains("a leader established in an epoch with a quorum of voters synced with it");
        });
    }
}
