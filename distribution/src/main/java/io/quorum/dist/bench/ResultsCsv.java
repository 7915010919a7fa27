package io.quorum.dist.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * results.csv: one row per trial (RFC 4180 quoting), the per-peer figures folded into totals and
 * maxima. Empty cells are absent figures.
 */
public final class ResultsCsv {
    public static final List<String> HEADER = List.of("system", "scenario", "size", "trial", "warm_up", "millis",
            "leader", "error", "peers", "election_millis_max", "messages_sent_total", "bytes_sent_total",
            "cpu_seconds_total", "peak_rss_kib_max");

    private ResultsCsv() {
    }

    public static void write(BenchResults results, Path file) throws IOException {
        Files.write(file, lines(results), StandardCharsets.UTF_8);
    }

    static List<String> lines(BenchResults results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", HEADER));
        for (TrialResult t : results.trials()) {
            List<String> cells = List.of(t.system(), t.scenario().label(), Integer.toString(t.size()),
                    Integer.toString(t.trial()), Boolean.toString(t.warmUp()), number(t.millis()),
                    t.leader() < 0 ? "" : Long.toString(t.leader()), t.error() == null ? "" : t.error(),
                    Integer.toString(t.peers().size()), number(t.maxOver(PeerMeasure::electionMillis)),
                    integer(t.sumOver(PeerMeasure::messagesSent)), integer(t.sumOver(PeerMeasure::bytesSent)),
                    number(t.sumOver(PeerMeasure::cpuSeconds)), integer(t.maxOver(PeerMeasure::peakRssKib)));
            lines.add(String.join(",", cells.stream().map(ResultsCsv::quote).toList()));
        }
        return lines;
    }

    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String integer(Double value) {
        return value == null ? "" : Long.toString(Math.round(value));
    }
}
