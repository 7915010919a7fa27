package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.Endpoint;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each fault kind shows up in a trace. Seeds are searched in a small fixed range for a run whose
 * trace shows the fault, and that run must still keep every invariant.
 */
class SimFaultsTest {
    private static final KnobSpace UDP = r -> Map.of("endpoint", Endpoint.ELECTION_UDP.name(), "retransmitMs", "20");
    private static final KnobSpace TCP = r -> Map.of("endpoint", Endpoint.ELECTION_TCP.name(), "retransmitMs", "20");

    private static SimulationResult firstRunShowing(FaultSchedule schedule, KnobSpace knobs, Predicate<String> shows) {
        for (long seed = 1; seed <= 300; seed++) {
            SimulationResult result = Simulation.run(new BullyElection(), SimulationOptions.builder(seed)
                    .schedule(schedule).knobSpace(knobs).fullTrace(true).build());
            if (shows.test(result.traceText())) {
                assertThat(result.violations()).isEmpty();
                return result;
            }
        }
        throw new AssertionError("no seed in 1..300 showed the fault under " + schedule);
    }

    @Test
    void datagramsAreLostDuplicatedAndReordered() {
        assertThat(firstRunShowing(FaultSchedule.LOSS, UDP, t -> t.contains(" drop ELECTION_UDP loss")).traceText())
                .contains(" drop ELECTION_UDP loss");
        assertThat(firstRunShowing(FaultSchedule.LOSS, UDP, t -> t.contains(" duplicate ELECTION_UDP")).traceText())
                .contains(" duplicate ELECTION_UDP");
        assertThat(firstRunShowing(FaultSchedule.LOSS, UDP, t -> true).counters().reordered()).isPositive();
    }

    @Test
    void oneWayPartitionDropsOnlyOneDirection() {
        SimulationResult run = firstRunShowing(FaultSchedule.PARTITION, UDP,
                t -> t.contains("plan one-way partition") && t.contains(" drop ELECTION_UDP partition"));
        assertThat(run.header()).contains("plan one-way partition");
        assertThat(run.traceText()).contains(" partition\n").contains(" unpartition\n");
    }

    @Test
    void twoWayPartitionCutsBothSides() {
        SimulationResult run = firstRunShowing(FaultSchedule.PARTITION, UDP,
                t -> t.contains("plan two-way partition") && !t.contains("plan one-way")
                        && t.contains(" drop ELECTION_UDP partition"));
        assertThat(run.header()).contains("plan two-way partition");
    }

    @Test
    void swizzleClogHoldsTrafficThenReleasesIt() {
        SimulationResult run = firstRunShowing(FaultSchedule.SWIZZLE_CLOG, UDP, t -> t.contains(" clog-hold "));
        assertThat(run.traceText()).contains(" clog\n").contains(" unclog\n").contains("plan swizzle-clog");
    }

    @Test
    void crashedPeerRestartsWithANewCore() {
        SimulationResult run = firstRunShowing(FaultSchedule.CRASH, UDP,
                t -> t.contains(" crash\n") && t.contains(" restart\n") && t.contains(" target-down"));
        assertThat(run.traceText()).contains("incarnation=2");
    }

    @Test
    void brokenStreamDropsThenResendsTheLastMessage() {
        SimulationResult run = firstRunShowing(FaultSchedule.LOSS, TCP,
                t -> t.contains(" stream down") && t.contains(" drop ELECTION_TCP stream-down")
                        && t.contains(" resend-last "));
        assertThat(run.traceText()).contains(" stream up").contains(" stream-reset\n");
        assertThat(run.counters().resent()).isPositive();
    }

    @Test
    void streamsSurviveCrashesByReconnecting() {
        SimulationResult run = firstRunShowing(FaultSchedule.CRASH, TCP,
                t -> t.contains(" crash\n") && t.contains(" stream down") && t.contains(" stream up"));
        assertThat(run.violations()).isEmpty();
    }
}
