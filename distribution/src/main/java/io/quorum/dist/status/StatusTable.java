package io.quorum.dist.status;

import io.quorum.api.Zxid;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Lays out probes as {@code quorum status} prints them: a header, then one line per peer with its
 * sid, address, mode, zxid, leader, epoch and election algorithm, {@code -} where the peer did not
 * say (a ZooKeeper peer prints no leader, epoch or algorithm; a peer that is down prints nothing).
 * Columns are padded to line up; the last one, which may hold blanks, is not.
 */
public final class StatusTable {
    static final List<String> HEADER = List.of("SID", "ADDRESS", "MODE", "ZXID", "LEADER", "EPOCH", "ELECTION");
    private static final String NONE = "-";
    private static final String GAP = "  ";

    private StatusTable() {
    }

    /** The header line and one line per probe, in order, without line separators. */
    public static List<String> lines(List<Probe> probes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        probes.forEach(probe -> rows.add(cells(probe)));
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                line.append(last ? row.get(i) : pad(row.get(i), widths[i])).append(last ? "" : GAP);
            }
            if (r > 0 && !probes.get(r - 1).detail().isEmpty()) {
                line.append(GAP).append('(').append(probes.get(r - 1).detail()).append(')');
            }
            lines.add(line.toString().stripTrailing());
        }
        return List.copyOf(lines);
    }

    /** The cells of one peer's line, in {@link #HEADER} order. */
    static List<String> cells(Probe probe) {
        String sid = text(probe.sid());
        String address = probe.target().clientAddress().toString();
        if (probe.answer().isEmpty()) {
            return List.of(sid, address, probe.outcome().label(), NONE, NONE, NONE, NONE);
        }
        SrvrAnswer answer = probe.answer().get();
        String zxid = answer.zxid().isPresent() ? Zxid.toHex(answer.zxid().getAsLong()) : NONE;
        return List.of(sid, address, answer.mode(), zxid, text(answer.leaderId()), text(answer.epoch()),
                answer.electionAlgorithm().orElse(NONE));
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : NONE;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
