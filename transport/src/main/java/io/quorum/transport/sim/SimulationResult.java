package io.quorum.transport.sim;

import io.quorum.api.election.Decision;
import java.util.List;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param seed the run's seed
 * @param schedule the fault schedule
 * @param header the seed line and every knob drawn from it, the first lines of the trace
 * @param traceHash the hash of every trace line, equal for equal seeds
 * @param traceLines how many lines the trace had (kept or not)
 * @param violations what failed, empty for a passing run
 * @param decisions each up peer's last decision, by sid
 * @param virtualTimeNanos virtual time at the end of the run
 * @param events how many events ran
 * @param counters message counts
 * @param elections every election that ended, in order, with the messages it cost
 * @param traceText the kept trace: all of it with full tracing, else its tail
 */
public record SimulationResult(
        long seed,
        FaultSchedule schedule,
        String header,
        long traceHash,
        long traceLines,
        List<Violation> violations,
        Map<Long, Decision> decisions,
        long virtualTimeNanos,
        long events,
        NetworkCounters counters,
        List<ElectionWindow> elections,
        String traceText) {

    public SimulationResult {
        violations = List.copyOf(violations);
        elections = List.copyOf(elections);
        decisions = Map.copyOf(decisions);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /**
     * How many elections changed the leader: those that ended with a leader other than the one
     * the election before them ended with, or with no leader every up voter agreed on. The first
     * election sets the leader and is not counted. A peer that rejoins and finds the leader it
     * left ends an election with the same leader, which is no change.
     */
    public int leaderChanges() {
        int changes = 0;
        for (int i = 1; i < elections.size(); i++) {
            long leader = elections.get(i).leader();
            if (leader == -1 || leader != elections.get(i - 1).leader()) {
                changes++;
            }
        }
        return changes;
    }

    /** A short report: the header, then the outcome. */
    public String report() {
        StringBuilder sb = new StringBuilder(header);
        sb.append("result ").append(passed() ? "PASS" : "FAIL").append(" virtualTime=")
                .append(SimClock.format(virtualTimeNanos)).append(" events=").append(events).append(' ')
                .append(counters).append(" leaderChanges=").append(leaderChanges()).append(" traceHash=").append(Long.toHexString(traceHash)).append('\n');
        elections.forEach(e -> sb.append(e.describe()).append('\n'));
        violations.forEach(v -> sb.append(v.summary()).append('\n'));
        return sb.toString();
    }
}
