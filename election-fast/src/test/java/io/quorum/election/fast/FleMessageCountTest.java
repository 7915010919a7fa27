package io.quorum.election.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.election.fast.bench.MessagesPerElection;
import io.quorum.transport.sim.ElectionWindow;
import io.quorum.transport.sim.Ensemble;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-election message counts that {@link MessagesPerElection} reports, checked against counts
 * derived by hand from the algorithm, whatever order the seed's latencies and start times put the
 * messages in, and against the send lines of the trace.
 */
class FleMessageCountTest {
    private static final int SEEDS = 200;

    /**
     * Two voters, fast termination. Call the worse one W and the better B. W: its own vote, the
     * adoption of B's (once: a later copy of B's vote changes nothing), its announcement, and one
     * answer, as a decided peer, to the second notification B sends it (B's answer to W's vote
     * follows B's own on the same stream, so W has decided when it arrives). B: its own vote, that
     * answer to W's worse vote, its announcement. 7 in all. B decides last, on W's adoption;
     * W's late answer may come after that, in the tail.
     */
    @Test
    void twoVotersFirstElectionSendsSevenNotifications() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult result = Simulation.run(new FastLeaderElectionProvider(),
                    SimulationOptions.builder(seed).voters(2).observers(0).hierarchicalProbability(0)
                            .knobSpace(random -> Map.of(FastElectionSettings.FAST_TERMINATION, "true")).build());
            ElectionWindow first = result.elections().get(0);

            assertThat(result.passed()).as(result.report()).isTrue();
            assertThat(first.messagesSent() + first.messagesAfter()).as(result.report()).isEqualTo(7);
            assertThat(first.messagesAfter()).as(result.report()).isLessThanOrEqualTo(1);
        }
    }

    /**
     * Three voters with equal histories, so 3 leads, then crashes; 2 (B) must win among 1 (W)
     * and 2. Fast termination. Each survivor sends its own vote to both others, the crashed leader
     * included (2 each), and announces its decision to both (2 each); W adopts B's vote once (2);
     * B answers W's worse vote once, looking or still following (1): 11. Both decide when the
     * crashed leader's link has been down for the 100 ms grace, after every one of those. One more
     * if W was still following 3 when B's vote reached it: W answers it as a follower, and that
     * vote is then lost to W, which proposes itself and needs B's answer before it adopts.
     */
    @Test
    void threeVotersAfterTheLeaderCrashSendElevenOrTwelve() {
        long zxid = Zxid.of(1, 1);
        List<Vote> votes = List.of(Vote.initial(1, zxid, 1), Vote.initial(2, zxid, 1), Vote.initial(3, zxid, 1));
        Ensemble ensemble = new Ensemble(FleScript.voters(1, 2, 3), votes);
        int sawTwelve = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult result = Simulation.run(new FastLeaderElectionProvider(),
                    SimulationOptions.builder(seed).ensemble(ensemble).safetyPhaseNanos(10_000_000_000L).failover(true)
                            .knobSpace(random -> Map.of(FastElectionSettings.FAST_TERMINATION, "true")).fullTrace(true)
                            .build());
            List<String> lines = result.traceText().lines().toList();
            long answeredAsFollower = sendsBetween(lines, "n1>", "failover: crash leader n3", "n1 lose-leader 3");

            assertThat(result.passed()).as(result.report()).isTrue();
            assertThat(result.elections().get(0).leader()).isEqualTo(3);
            ElectionWindow failover = result.elections().get(1);
            assertThat(failover.leader()).isEqualTo(2);
            assertThat(answeredAsFollower).isBetween(0L, 1L);
            assertThat(failover.messagesSent()).as(result.report()).isEqualTo(11 + answeredAsFollower);
            assertThat(failover.messagesAfter()).isZero();
            sawTwelve += (int) answeredAsFollower;
        }
        assertThat(sawTwelve).as("seeds where W answered as a follower").isPositive().isLessThan(SEEDS);
    }

    /** What the tool measures is exactly the send lines between each election's trace markers. */
    @Test
    void theMeasuredRunsCountTheSendLinesOfEachElection() {
        for (int voters : List.of(3, 5, 7)) {
            for (boolean fast : List.of(true, false)) {
                for (long seed = 1; seed <= 10; seed++) {
                    SimulationOptions measured = MessagesPerElection.options(seed, voters, fast);
                    SimulationResult result = Simulation.run(new FastLeaderElectionProvider(),
                            SimulationOptions.builder(seed).voters(voters).observers(0).hierarchicalProbability(0)
                                    .schedule(FaultSchedule.NONE).safetyPhaseNanos(measured.safetyPhaseNanos())
                                    .failover(true).knobSpace(measured.knobSpace()).fullTrace(true).build());
                    List<String> lines = result.traceText().lines().toList();

                    assertThat(result.passed()).as(result.report()).isTrue();
                    assertThat(result.elections()).as(result.report()).hasSizeGreaterThanOrEqualTo(2);
                    for (ElectionWindow e : result.elections().subList(0, 2)) {
                        assertThat(e.messagesSent()).as(result.report()).isEqualTo(sendsBetween(lines, "",
                                "election " + e.number() + " begins", "election " + e.number() + " ends"));
                    }
                    assertThat(Simulation.run(new FastLeaderElectionProvider(), measured).elections())
                            .as("the measured run is the same run without the full trace")
                            .isEqualTo(result.elections());
                }
            }
        }
    }

    /** Send lines from a sender (prefix {@code "n1>"}; {@code ""} for any) between two marker lines. */
    private static long sendsBetween(List<String> lines, String sender, String from, String to) {
        int start = indexOf(lines, from);
        int end = indexOf(lines, to);
        assertThat(start).as(from).isNotNegative();
        assertThat(end).as(to).isGreaterThan(start);
        return lines.subList(start, end).stream()
                .filter(line -> line.matches("\\S+ " + sender + (sender.isEmpty() ? "" : "n\\d+ ") + ".*")
                        && line.matches("\\S+ n\\d+>n\\d+ send .*"))
                .count();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).substring(lines.get(i).indexOf(' ') + 1);
            if (text.equals(marker) || text.startsWith(marker + ":") || text.startsWith(marker + ",")) {
                return i;
            }
        }
        return -1;
    }
}
