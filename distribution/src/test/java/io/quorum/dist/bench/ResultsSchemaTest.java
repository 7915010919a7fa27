package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json and results.csv as files, read back the way a script would read them. */
class ResultsSchemaTest {

    @TempDir
    Path dir;

    @Test
    void jsonHoldsEveryTrialSummariesAndRatios() throws IOException {
        Path file = dir.resolve("results.json");
        ResultsJson.write(BenchFixtures.results(), file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.get("schema").asText()).isEqualTo("quorum-bench/1");
        assertThat(root.get("settings").get("systems")).extracting(JsonNode::asText)
                .containsExactly("quorum:3", "zookeeper-3.9.5:3");
        assertThat(root.get("settings").get("baseline").asText()).isEqualTo("zookeeper-3.9.5:3");
        assertThat(root.get("settings").get("network").asText()).isEqualTo("real");
        assertThat(root.get("machine").get("processors").asText()).isEqualTo("2");
        JsonNode trials = root.get("trials");
        assertThat(trials).hasSize(8);
        JsonNode first = trials.get(0);
        assertThat(fieldNames(first)).containsExactly("system", "scenario", "size", "trial", "warmUp", "millis",
                "leader", "error", "peers");
        assertThat(first.get("warmUp").asBoolean()).isTrue();
        assertThat(first.get("error").isNull()).isTrue();
        JsonNode peer = first.get("peers").get(2);
        assertThat(fieldNames(peer)).containsExactly("sid", "electionMillis", "messagesSent", "bytesSent",
                "cpuSeconds", "peakRssKib");
        assertThat(peer.get("electionMillis").isNull()).isTrue();
        assertThat(peer.get("peakRssKib").asLong()).isEqualTo(85_000);
        JsonNode failed = trials.get(5);
        assertThat(failed.get("millis").isNull()).isTrue();
        assertThat(failed.get("error").asText()).isEqualTo("no leader, \"x\"");

        JsonNode zk = root.get("summaries").get(1);
        assertThat(zk.get("system").asText()).isEqualTo("zookeeper-3.9.5:3");
        assertThat(zk.get("count").asInt()).isEqualTo(2);
        assertThat(zk.get("failed").asInt()).isEqualTo(1);
        assertThat(zk.get("median").asDouble()).isEqualTo(500.0);
        JsonNode ratio = root.get("ratios").get(0);
        assertThat(ratio.get("system").asText()).isEqualTo("quorum:3");
        assertThat(ratio.get("pairs")).extracting(JsonNode::asDouble).containsExactly(0.25, 0.5);
        assertThat(ratio.get("median").asDouble()).isEqualTo(0.375);
    }

    @Test
    void csvHasAHeaderAndOneRowPerTrial() throws IOException {
        Path file = dir.resolve("results.csv");
        ResultsCsv.write(BenchFixtures.results(), file);

        List<String> lines = Files.readAllLines(file);

        assertThat(lines.get(0)).isEqualTo("system,scenario,size,trial,warm_up,millis,leader,error,peers,"
                + "election_millis_max,messages_sent_total,bytes_sent_total,cpu_seconds_total,peak_rss_kib_max");
        assertThat(lines).hasSize(9);
        assertThat(lines.get(3)).isEqualTo("quorum:3,cold-start,3,1,false,100.000,3,,3,12.000,,,1.500,90000");
        // The failed trial's error holds a comma and quotes: one quoted cell, quotes doubled.
        assertThat(lines.get(6)).isEqualTo("zookeeper-3.9.5:3,cold-start,3,2,false,,,\"no leader, \"\"x\"\"\",0,,,,,");
        for (String line : lines) {
            assertThat(cells(line)).hasSize(ResultsCsv.HEADER.size());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An RFC 4180 split of one line. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
