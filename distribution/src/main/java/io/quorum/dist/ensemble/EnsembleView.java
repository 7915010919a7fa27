package io.quorum.dist.ensemble;

import io.quorum.api.Zxid;
import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The live table of {@code quorum ensemble}: one row per peer, from its latest srvr answer. */
public final class EnsembleView {
    private static final String FORMAT = "%-4s %-10s %-7s %-6s %-12s %s";

    private EnsembleView() {
    }

    /** The header and one row per sid, 1 to {@code peers}. */
    public static List<String> rows(int peers, Map<Integer, Probe> probes, Set<Integer> alive) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, FORMAT, "SID", "STATE", "LEADER", "EPOCH", "ZXID", "LAST ELECTION"));
        for (int sid = 1; sid <= peers; sid++) {
            rows.add(row(sid, Optional.ofNullable(probes.get(sid)), alive.contains(sid)));
        }
        return rows;
    }

    private static String row(int sid, Optional<Probe> probe, boolean alive) {
        Optional<SrvrAnswer> answer = probe.flatMap(Probe::answer);
        return String.format(Locale.ROOT, FORMAT, sid, state(probe, alive),
                number(answer.map(SrvrAnswer::leaderId)), number(answer.map(SrvrAnswer::epoch)),
                answer.map(SrvrAnswer::zxid).filter(OptionalLong::isPresent).map(z -> Zxid.toHex(z.getAsLong()))
                        .orElse("-"),
                answer.flatMap(SrvrAnswer::lastElection).orElse("-"));
    }

    private static String state(Optional<Probe> probe, boolean alive) {
        if (!alive) {
            return "down";
        }
        if (probe.isEmpty()) {
            return "starting";
        }
        return switch (probe.get().outcome()) {
            case SERVING -> probe.get().answer().map(SrvrAnswer::mode).orElse("serving");
            case NOT_SERVING -> "looking";
            case UNREACHABLE, NO_ANSWER -> "starting";
            case UNRECOGNISED -> "?";
        };
    }

    private static String number(Optional<OptionalLong> value) {
        return value.filter(OptionalLong::isPresent).map(v -> Long.toString(v.getAsLong())).orElse("-");
    }
}
