package io.quorum.dist.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the
 * settings and machine, the summary table, a box plot per scenario and size, the ratios to the
 * baseline, and an election timeline per quorum system.
 */
public final class ReportPage {
    /** Timelines of larger ensembles would be a wall of arrows. */
    static final int TIMELINE_MAX_PEERS = 9;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;max-width:1000px}
            h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #d0d7de}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}
            th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:right}th{background:#f6f8fa}
            td.l,th.l{text-align:left}.note{color:#57606a;font-size:13px}
            svg text{font-family:system-ui,sans-serif}svg .title{font-size:14px;font-weight:600}
            svg .label{font-size:12px}svg .tick{font-size:11px;fill:#57606a}svg .failed{font-size:12px;fill:#cf222e}
            svg .axis,svg .whisker{stroke:#57606a;stroke-width:1}svg .median{stroke:#1b1f24;stroke-width:2.5}
            svg .iqr{stroke:#1b1f24;stroke-width:1;fill-opacity:.55}svg .dot{fill:#1b1f24;fill-opacity:.6}
            svg .s0{fill:#0969da}svg .s1{fill:#bf8700}svg .s2{fill:#1a7f37}svg .s3{fill:#8250df}
            svg .s4{fill:#cf222e}svg .s5{fill:#1b7c83}svg .s6{fill:#bc4c00}svg .s7{fill:#6e7781}
            svg .lane{stroke:#afb8c1;stroke-width:1}svg .msg{stroke:#0969da;stroke-width:1;stroke-opacity:.7}
            svg .head{fill:#0969da}svg .round{stroke:#bf8700;stroke-width:2}svg .crash{stroke:#cf222e;stroke-width:3}
            svg .leads{fill:#cf222e}svg .follows{fill:#1a7f37}svg .decision{font-size:10px;fill:#fff;font-weight:700}
            """;

    private ReportPage() {
    }

    public static void write(BenchResults results, Path file) throws IOException {
        Files.writeString(file, html(results), StandardCharsets.UTF_8);
    }

    static String html(BenchResults results) {
        BenchSettings s = results.settings();
        StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>quorum bench</title>\n<style>")
                .append(STYLE).append("</style></head><body>\n<h1>quorum bench</h1>\n");
        page.append("<p class=\"note\">Every system measured the same way in one run: ")
                .append(s.network() == Network.REAL
                        ? "real peer processes on loopback, timed from outside by polling every peer's <code>srvr</code> "
                                + "every 2 ms until one leads and every other live peer follows"
                        : "our election cores under the deterministic simulator, in virtual time")
                .append(". Trials interleave across systems (A B C A B C ...) after one warm-up round, which is left out. "
                        + "Times in milliseconds.</p>\n");
        settings(page, results);
        summaryTable(page, results);
        boxPlots(page, results);
        ratioTable(page, results);
        timelines(page, results);
        return page.append("</body></html>\n").toString();
    }

    private static void settings(StringBuilder page, BenchResults results) {
        BenchSettings s = results.settings();
        page.append("<h2>Settings and machine</h2>\n<table>\n");
        row(page, "command", "quorum bench --systems " + String.join(",", s.systems()) + " --sizes "
                + s.sizes().stream().map(String::valueOf).collect(Collectors.joining(",")) + " --scenarios "
                + s.scenarios().stream().map(Scenario::label).collect(Collectors.joining(",")) + " --trials " + s.trials()
                + " --network " + s.network().name().toLowerCase(Locale.ROOT) + " --seed " + s.seed()
                + " --baseline " + s.baseline());
        results.machine().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(page, e.getKey(), e.getValue()));
        page.append("</table>\n");
    }

    private static void row(StringBuilder page, String key, String value) {
        page.append("<tr><th class=\"l\">").append(Svg.esc(key)).append("</th><td class=\"l\">").append(Svg.esc(value))
                .append("</td></tr>\n");
    }

    private static void summaryTable(StringBuilder page, BenchResults results) {
        page.append("<h2>Results</h2>\n<table>\n<tr><th class=\"l\">system</th><th class=\"l\">scenario</th><th>size</th>"
                + "<th>trials</th><th>failed</th><th>min</th><th>median</th><th>p90</th><th>max</th>"
                + "<th>own election, ms<br>(median of peers' max)</th><th>messages sent<br>(median total)</th>"
                + "<th>bytes sent<br>(median total)</th><th>CPU s, all peers<br>(median)</th>"
                + "<th>peak RSS MiB<br>(median of max peer)</th></tr>\n");
        for (BenchResults.Cell cell : results.cells()) {
            List<TrialResult> trials = results.trials().stream()
                    .filter(t -> t.system().equals(cell.system()) && t.scenario() == cell.scenario()
                            && t.size() == cell.size() && t.ok() && !t.warmUp())
                    .toList();
            Summary s = cell.summary();
            page.append("<tr><td class=\"l\">").append(Svg.esc(cell.system())).append("</td><td class=\"l\">")
                    .append(cell.scenario().label()).append("</td><td>").append(cell.size()).append("</td><td>")
                    .append(cell.millis().size()).append("</td><td>").append(cell.failed()).append("</td>");
            for (Double v : s == null ? new Double[] {null, null, null, null}
                    : new Double[] {s.min(), s.median(), s.p90(), s.max()}) {
                cellOf(page, v, Svg::millis);
            }
            cellOf(page, medianOf(trials, t -> t.maxOver(PeerMeasure::electionMillis)), Svg::millis);
            cellOf(page, medianOf(trials, t -> t.sumOver(PeerMeasure::messagesSent)), ReportPage::whole);
            cellOf(page, medianOf(trials, t -> t.sumOver(PeerMeasure::bytesSent)), ReportPage::whole);
            cellOf(page, medianOf(trials, t -> t.sumOver(PeerMeasure::cpuSeconds)), v -> String.format(Locale.ROOT, "%.2f", v));
            cellOf(page, medianOf(trials, t -> t.maxOver(PeerMeasure::peakRssKib)), v -> whole(v / 1024));
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    private static void cellOf(StringBuilder page, Double value, Function<Double, String> format) {
        page.append("<td>").append(value == null ? "&ndash;" : format.apply(value)).append("</td>");
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static Double medianOf(List<TrialResult> trials, Function<TrialResult, Double> figure) {
        List<Double> values = trials.stream().map(figure).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : Summary.of(values).median();
    }

    private static void boxPlots(StringBuilder page, BenchResults results) {
        page.append("<h2>Distributions</h2>\n<p class=\"note\">Whiskers span min to max, the box the quartiles, the "
                + "thick line is the median; every measured trial is a dot.</p>\n");
        List<BenchResults.Cell> cells = results.cells();
        for (int size : results.settings().sizes()) {
            for (Scenario scenario : results.settings().scenarios()) {
                List<BenchResults.Cell> group = new ArrayList<>();
                cells.stream().filter(c -> c.size() == size && c.scenario() == scenario).forEach(group::add);
                if (!group.isEmpty()) {
                    page.append("<div>").append(BoxPlot.svg(scenario.label() + ", " + size + " peers", group))
                            .append("</div>\n");
                }
            }
        }
    }

    private static void ratioTable(StringBuilder page, BenchResults results) {
        String baseline = results.settings().baseline();
        page.append("<h2>Ratios to ").append(Svg.esc(baseline)).append("</h2>\n<p class=\"note\">Trial i of a system "
                + "divided by trial i of the baseline (same scenario and size, run back to back), then summarised; "
                + "below 1 is faster than the baseline.</p>\n");
        List<Ratios.Row> rows = results.ratios();
        if (rows.isEmpty()) {
            page.append("<p>No pairs: the baseline is the only system, or its trials failed.</p>\n");
            return;
        }
        page.append("<table>\n<tr><th class=\"l\">system</th><th class=\"l\">scenario</th><th>size</th><th>pairs</th>"
                + "<th>min</th><th>median</th><th>p90</th><th>max</th></tr>\n");
        for (Ratios.Row row : rows) {
            Summary s = row.summary();
            page.append("<tr><td class=\"l\">").append(Svg.esc(row.system())).append("</td><td class=\"l\">")
                    .append(row.scenario().label()).append("</td><td>").append(row.size()).append("</td><td>")
                    .append(s.count()).append("</td>");
            for (double v : new double[] {s.min(), s.median(), s.p90(), s.max()}) {
                page.append("<td>").append(String.format(Locale.ROOT, "%.2f", v)).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    private static void timelines(StringBuilder page, BenchResults results) {
        if (results.timelines().isEmpty()) {
            return;
        }
        page.append("<h2>Election timelines</h2>\n<p class=\"note\">One cold start per quorum system, drawn from the "
                + "deterministic simulator's trace of the same election core the peers run (seed ")
                .append(results.settings().seed()).append("): a lane per peer, an arrow per message from send to "
                        + "delivery, an orange tick where a peer opens a round, L or F where it decides to lead or "
                        + "follow; the picture ends shortly after the last peer decided.</p>\n");
        results.timelines().forEach((system, trace) -> page.append("<div>")
                .append(Timeline.svg(system + ": cold start", trace)).append("</div>\n"));
    }
}
