package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-election message counts of {@link SimulationResult#elections()}: checked against the
 * send lines of the full trace between each election's begin and end markers, and against the
 * run's total; and the scripted failover elects again among the survivors.
 */
class ElectionWindowsTest {
    private static final int SEEDS = 40;

    private static SimulationOptions.Builder options(long seed, FaultSchedule schedule) {
        return SimulationOptions.builder(seed).voters(5).observers(1).schedule(schedule)
                .knobSpace(BullyElection.knobs()).fullTrace(true);
    }

    @Test
    void eachElectionCountsTheSendLinesBetweenItsMarkersAndTheTailAfterIt() {
        for (FaultSchedule schedule : List.of(FaultSchedule.NONE, FaultSchedule.CRASH, FaultSchedule.ALL)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                SimulationResult result = Simulation.run(new BullyElection(), options(seed, schedule).failover(true).build());
                String context = "seed " + seed + " " + schedule;

                assertThat(result.elections()).as(context).isNotEmpty();
                List<String> lines = result.traceText().lines().toList();
                long counted = sendsBefore(lines, "election 1 begins");
                for (ElectionWindow e : result.elections()) {
                    assertThat(e.messagesSent()).as(context + " " + e.describe())
                            .isEqualTo(sendsBetween(lines, "election " + e.number() + " begins", "election " + e.number() + " ends"));
                    assertThat(e.closedAtNanos()).as(context).isGreaterThanOrEqualTo(e.openedAtNanos());
                    counted += e.messagesSent() + e.messagesAfter();
                }
                long stillOpen = sendsAfter(lines, "election " + (result.elections().size() + 1) + " begins");
                assertThat(counted + stillOpen).as(context + ": every send is before, in or after an election")
                        .isEqualTo(result.counters().sent());
            }
        }
    }

    @Test
    void aFaultFreeRunIsOneElectionForTheExpectedLeader() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult result = Simulation.run(new BullyElection(), options(seed, FaultSchedule.NONE).build());

            assertThat(result.passed()).as(result.report()).isTrue();
            assertThat(result.elections()).as(result.report()).hasSize(1);
            assertThat(result.elections().get(0).leader()).isEqualTo(expectedLeader(result));
        }
    }

    @Test
    void theFailoverCrashesTheLeaderAndTheSurvivorsElectTheBestOfThem() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult result = Simulation.run(new BullyElection(),
                    options(seed, FaultSchedule.NONE).hierarchicalProbability(0).safetyPhaseNanos(10_000_000_000L)
                            .failover(true).build());

            assertThat(result.passed()).as(result.report()).isTrue();
            assertThat(result.elections()).as(result.report()).hasSizeGreaterThanOrEqualTo(2);
            ElectionWindow first = result.elections().get(0);
            ElectionWindow second = result.elections().get(1);
            assertThat(first.leader()).isEqualTo(expectedLeader(result));
            assertThat(second.leader()).as(result.report()).isNotEqualTo(first.leader()).isPositive();
            assertThat(second.openedAtNanos()).isGreaterThanOrEqualTo(first.closedAtNanos() + 500_000_000L);
            assertThat(result.traceText()).contains("failover: crash leader n" + first.leader()
                    + ", expected leader now " + second.leader());
        }
    }

    private static long expectedLeader(SimulationResult result) {
        return result.header().lines().filter(l -> l.startsWith("expected-leader ")).map(l -> Long.parseLong(l.substring(16)))
                .findFirst().orElseThrow();
    }

    private static boolean isSend(String line) {
        return line.matches("\\S+ n\\d+>n\\d+ send .*");
    }

    private static long sendsBetween(List<String> lines, String from, String to) {
        int start = indexOf(lines, from);
        int end = indexOf(lines, to);
        return lines.subList(start, end).stream().filter(ElectionWindowsTest::isSend).count();
    }

    private static long sendsBefore(List<String> lines, String marker) {
        int end = indexOf(lines, marker);
        return lines.subList(0, end < 0 ? lines.size() : end).stream().filter(ElectionWindowsTest::isSend).count();
    }

    private static long sendsAfter(List<String> lines, String marker) {
        int start = indexOf(lines, marker);
        return start < 0 ? 0 : lines.subList(start, lines.size()).stream().filter(ElectionWindowsTest::isSend).count();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + marker) || lines.get(i).contains(" " + marker + ":")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The scripted rejoin cuts a follower of the agreed leader off and heals it: the trace names
     * both steps, the isolated peer is not the leader, and the leader-change count is that of the
     * elections' leaders. The bully algorithm needs no quorum, so the isolated peer elects itself
     * alone: no leader is expected, only the mechanics are checked.
     */
    @Test
    void theRejoinIsolatesAFollowerOfTheLeaderAndHealsIt() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimulationResult result = Simulation.run(new BullyElection(), options(seed, FaultSchedule.NONE)
                    .hierarchicalProbability(0).safetyPhaseNanos(6_000_000_000L).rejoin(true)
                    .expectedLeader(ExpectedLeader.none()).build());
            String context = "seed " + seed + "\n" + result.report();

            assertThat(result.passed()).as(context).isTrue();
            long leader = result.elections().get(0).leader();
            java.util.regex.Matcher isolated = java.util.regex.Pattern.compile("rejoin: isolate n(\\d+)")
                    .matcher(result.traceText());
            assertThat(isolated.find()).as(context).isTrue();
            assertThat(Long.parseLong(isolated.group(1))).as(context).isNotEqualTo(leader);
            assertThat(result.traceText()).as(context).contains("rejoin: heal n" + isolated.group(1));
            long changes = 0;
            long agreed = -1;
            for (ElectionWindow e : result.elections()) {
                changes += agreed != -1 && e.leader() != agreed ? 1 : 0;
                agreed = e.leader() != -1 ? e.leader() : agreed;
            }
            assertThat(result.leaderChanges()).as(context).isEqualTo(changes);
        }
    }
}
