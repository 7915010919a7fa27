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
     * How many elections changed an agreed leader: once an election has ended with a leader every
     * up voter agreed on, each later election that ended with another leader, or with none they
     * agreed on. Elections before the first agreement (a split first vote settling, say) change
     * nothing that was agreed and are not counted. A peer that rejoins and finds the leader it
     * left ends an election with the same leader, which is no change.
     */
    public int leaderChanges() {
        int changes = 0;
        long agreed = -1;
        for (ElectionWindow election : elections) {
            if (agreed != -1 && election.leader() != agreed) {
                changes++;
            }
            if (election.leader() != -1) {
                agreed = election.leader();
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
