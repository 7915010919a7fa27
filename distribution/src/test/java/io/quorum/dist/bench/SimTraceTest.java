package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.peer.election.ElectionRegistry;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationResult;
import org.junit.jupiter.api.Test;

class SimTraceTest {
    private static final String TRACE = """
            0.000000000 SEED=1 schedule=NONE provider=fast voters=2 observers=0
            0.000639605 n2 start-round
            0.000639605 election 1 begins
            0.000639605 n2>n1 send ELECTION_TCP len=155 h=f83b715f
            0.001000000 n1 start-round
            0.001000000 n1>n2 send ELECTION_TCP len=100 h=aa
            0.001000000 n1>n2 send ELECTION_TCP len=100 h=aa
            0.002423931 n2>n1 deliver ELECTION_TCP h=f83b715f
            0.003000000 n1>n2 deliver ELECTION_TCP h=aa
            0.004000000 n1 decide leader=2 role=FOLLOWING zxid=0x1 peerEpoch=1
            0.005000000 n2 decide leader=2 role=LEADING zxid=0x1 peerEpoch=1
            0.005000000 election 1 ends: sent=3 leader=2
            """;

    @Test
    void pairsSendsWithDeliveriesInOrder() {
        SimTrace trace = SimTrace.parse(TRACE);

        assertThat(trace.sids()).containsExactly(1L, 2L);
        assertThat(trace.messages()).containsExactly(
                new SimTrace.Message(2, 1, 639_605, 2_423_931, 155),
                new SimTrace.Message(1, 2, 1_000_000, 3_000_000, 100),
                new SimTrace.Message(1, 2, 1_000_000, -1, 100));
        assertThat(trace.electionEnds()).containsExactly(5_000_000L);
    }

    @Test
    void eachPeerCountsWhatItSentAndTimesItsOwnElection() {
        assertThat(SimTrace.parse(TRACE).peerMeasures()).containsExactly(
                new PeerMeasure(1, 3.0, 2L, 200L, null, null),
                new PeerMeasure(2, 4.360395, 1L, 155L, null, null));
    }

    @Test
    void aRealSimulatorTraceGivesEveryPeerItsDecisionAndMessages() {
        var provider = ElectionRegistry.fromClassLoader(getClass().getClassLoader()).select("3");
        SimulationResult result = Simulation.run(provider, SimTrial.options(provider, Scenario.COLD_START, 5, 7, true));
        SimTrace trace = SimTrace.parse(result.traceText());

        assertThat(trace.sids()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(trace.decisions()).extracting(SimTrace.Decision::sid).contains(1L, 2L, 3L, 4L, 5L);
        assertThat((long) trace.messages().size()).isEqualTo(result.counters().sent());
        assertThat(trace.peerMeasures()).allSatisfy(p -> assertThat(p.messagesSent()).isPositive());
        String svg = Timeline.svg("fast", result.traceText());
        assertThat(svg).contains("sid 5").contains("class=\"leads\"").contains("marker-end");
    }
}
