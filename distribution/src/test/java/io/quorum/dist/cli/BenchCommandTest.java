package io.quorum.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorum bench} under the simulator end to end, and its answers to bad options. */
class BenchCommandTest {
    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    @TempDir
    Path dir;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void simulatedRunInterleavesSystemsAndWritesTheThreeFiles() throws IOException {
        int code = run("bench", "--network", "sim", "--systems", "quorum:fast,quorum:1", "--sizes", "3,5",
                "--scenarios", "cold-start,partition", "--trials", "2", "--seed", "11", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| quorum:1 | partition | 5 | 2 | 0 |").contains("median ratio to quorum:fast");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode trials = json.get("trials");
        assertThat(trials).hasSize(2 * 2 * 2 * 3);
        // A B A B ...: systems alternate within every round.
        for (int i = 0; i < trials.size(); i += 2) {
            assertThat(trials.get(i).get("system").asText()).isEqualTo("quorum:fast");
            assertThat(trials.get(i + 1).get("system").asText()).isEqualTo("quorum:1");
            assertThat(trials.get(i).get("trial").asInt()).isEqualTo(trials.get(i + 1).get("trial").asInt());
        }
        assertThat(trials.get(0).get("peers").get(0).get("messagesSent").asLong()).isPositive();
        assertThat(json.get("ratios")).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(1 + 24);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("quorum:1: cold start");
    }

    @Test
    void theSameSeedGivesTheSameSimulatedFigures() throws IOException {
        String[] args = {"bench", "--network", "sim", "--systems", "quorum:3", "--scenarios", "loss", "--trials", "1",
            "--out", dir.toString()};
        assertThat(run(args)).isZero();
        JsonNode first = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("trials");
        assertThat(run(args)).isZero();
        JsonNode second = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("trials");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void badOptionsAreNamed() {
        assertThat(run("bench", "--systems", "quorum:paxos")).isEqualTo(2);
        assertThat(err.toString()).contains("--systems: system quorum:paxos: 'paxos' names no installed election algorithm");

        assertThat(run("bench", "--scenarios", "partition")).isEqualTo(2);
        assertThat(err.toString()).contains("--scenarios: partition needs --network sim");

        assertThat(run("bench", "--network", "sim", "--systems", "zookeeper-3.9.5:3")).isEqualTo(2);
        assertThat(err.toString()).contains("is a ZooKeeper release; --network sim runs our algorithms only");

        assertThat(run("bench", "--sizes", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--sizes: each size must be 3..15 with --network real, not 2");

        assertThat(run("bench", "--network", "sim", "--systems", "quorum:3", "--sizes", "1002")).isEqualTo(2);
        assertThat(err.toString()).contains("each size must be 3..1001 with --network sim, not 1002");

        assertThat(run("bench", "--trials", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--trials must be at least 1");

        assertThat(run("bench", "--network", "udp")).isEqualTo(2);
        assertThat(err.toString()).contains("--network is real or sim, not udp");

        assertThat(run("bench", "--systems", "quorum:3", "--baseline", "zookeeper-3.9.5:3")).isEqualTo(2);
        assertThat(err.toString()).contains("--baseline zookeeper-3.9.5:3 is not one of --systems [quorum:3]");

        assertThat(run("bench", "--scenarios", "meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'meteor'");
    }
}
