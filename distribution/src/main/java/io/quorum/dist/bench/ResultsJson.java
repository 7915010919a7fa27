package io.quorum.dist.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * results.json: the settings, the machine, every trial with every peer's figures, and the
 * summaries and ratios computed from them. Absent figures are JSON nulls. Field names are the
 * schema ({@value #SCHEMA}); a change to them changes the schema name.
 */
public final class ResultsJson {
    public static final String SCHEMA = "quorum-bench/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static void write(BenchResults results, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), tree(results));
    }

    static ObjectNode tree(BenchResults results) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        BenchSettings s = results.settings();
        ObjectNode settings = root.putObject("settings");
        s.systems().forEach(settings.putArray("systems")::add);
        s.sizes().forEach(settings.putArray("sizes")::add);
        s.scenarios().forEach(sc -> settings.withArray("scenarios").add(sc.label()));
        settings.put("trials", s.trials());
        settings.put("warmUpTrials", 1);
        settings.put("network", s.network().name().toLowerCase(java.util.Locale.ROOT));
        settings.put("seed", s.seed());
        settings.put("baseline", s.baseline());
        ObjectNode machine = root.putObject("machine");
        results.machine().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> machine.put(e.getKey(), e.getValue()));
        ArrayNode trials = root.putArray("trials");
        for (TrialResult t : results.trials()) {
            ObjectNode trial = trials.addObject();
            trial.put("system", t.system());
            trial.put("scenario", t.scenario().label());
            trial.put("size", t.size());
            trial.put("trial", t.trial());
            trial.put("warmUp", t.warmUp());
            trial.put("millis", t.millis());
            trial.put("leader", t.leader());
            trial.put("error", t.error());
            ArrayNode peers = trial.putArray("peers");
            for (PeerMeasure p : t.peers()) {
                ObjectNode peer = peers.addObject();
                peer.put("sid", p.sid());
                peer.put("electionMillis", p.electionMillis());
                peer.put("messagesSent", p.messagesSent());
                peer.put("bytesSent", p.bytesSent());
                peer.put("cpuSeconds", p.cpuSeconds());
                peer.put("peakRssKib", p.peakRssKib());
            }
        }
        ArrayNode summaries = root.putArray("summaries");
        for (BenchResults.Cell cell : results.cells()) {
            ObjectNode node = summaries.addObject();
            node.put("system", cell.system());
            node.put("scenario", cell.scenario().label());
            node.put("size", cell.size());
            node.put("failed", cell.failed());
            summary(node, cell.summary());
        }
        ArrayNode ratios = root.putArray("ratios");
        for (Ratios.Row row : results.ratios()) {
            ObjectNode node = ratios.addObject();
            node.put("system", row.system());
            node.put("baseline", s.baseline());
            node.put("scenario", row.scenario().label());
            node.put("size", row.size());
            row.ratios().forEach(node.putArray("pairs")::add);
            summary(node, row.summary());
        }
        return root;
    }

    private static void summary(ObjectNode node, Summary summary) {
        if (summary == null) {
            node.put("count", 0);
            node.putNull("min");
            node.putNull("median");
            node.putNull("p90");
            node.putNull("max");
            return;
        }
        node.put("count", summary.count());
        node.put("min", summary.min());
        node.put("median", summary.median());
        node.put("p90", summary.p90());
        node.put("max", summary.max());
    }
}
