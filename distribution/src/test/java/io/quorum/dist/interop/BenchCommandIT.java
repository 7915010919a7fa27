package io.quorum.dist.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quorum.dist.cli.QuorumCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code quorum bench} for real: three of our peers as processes, a warm-up and two cold starts. */
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void benchesColdStartsOfRealPeersAndWritesTheThreeFiles() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = QuorumCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        Path results = dir.resolve("results");

        int code = command.execute("bench", "--systems", "quorum:3", "--sizes", "3", "--scenarios", "cold-start",
                "--trials", "2", "--out", results.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| quorum:3 | cold-start | 3 | 2 | 0 |").contains("wrote ");
        assertThat(err.toString()).contains("3/3 trials");
        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        JsonNode trials = json.get("trials");
        assertThat(trials).hasSize(3);
        for (JsonNode trial : trials) {
            assertThat(trial.get("error").isNull()).as(trial.toString()).isTrue();
            assertThat(trial.get("millis").asDouble()).isPositive();
            assertThat(trial.get("peers")).hasSize(3).allSatisfy(peer -> {
                assertThat(peer.get("cpuSeconds").asDouble()).isPositive();
                assertThat(peer.get("peakRssKib").asLong()).isGreaterThan(10_000);
                assertThat(peer.get("electionMillis").isNumber()).as(peer.toString()).isTrue();
                // Every peer of a cold start sends its vote at least; the peer logs what its round sent.
                assertThat(peer.get("messagesSent").asLong()).as(peer.toString()).isPositive();
                assertThat(peer.get("bytesSent").asLong()).isGreaterThanOrEqualTo(40 * peer.get("messagesSent").asLong());
            });
        }
        List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertThat(csv).hasSize(4);
        assertThat(Files.readString(results.resolve("report.html"))).contains("<svg").contains("quorum:3: cold start");
        assertThat(results.resolve("peers")).doesNotExist();
    }
}
