package io.quorum.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SimCommandTest {
    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aViolationFreeSweepExitsZeroAndReportsItsFigures() {
        int code = run("sim", "--algorithm", "fast", "--peers", "3", "--observers", "1", "--seeds", "30", "--faults", "all");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("algorithm fast, 3 voters, 1 observers, faults all",
                "seeds run: 30", "seeds per second: ", "violations: 0");
    }

    @Test
    void runsTheAuthFastAlgorithmsByNumberAndName() {
        assertThat(run("sim", "--algorithm", "2", "--peers", "3", "--observers", "1", "--seeds", "20", "--faults", "all"))
                .as(err.toString()).isZero();
        assertThat(run("sim", "--algorithm", "auth-fast", "--peers", "5", "--seeds", "20", "--faults", "loss"))
                .as(err.toString()).isZero();

        assertThat(out.toString()).contains("algorithm auth-fast-challenge, 3 voters, 1 observers, faults all",
                "algorithm auth-fast, 5 voters, 0 observers, faults loss", "violations: 0");
    }

    @Test
    void oneSeedPrintsItsHeaderAndTrace() {
        int code = run("sim", "--algorithm", "3", "--seed", "7", "--faults", "none", "--trace");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("SEED=7 schedule=NONE provider=fast", "decide", "violations: 0");
    }

    /** The example plugin from the build's plugin directory, as bin/quorum finds it in plugins/. */
    @Test
    void runsAPluginFromThePluginDirectory() {
        String plugins = System.getProperty("quorum.plugins");

        int code = run("sim", "--plugin-dir", plugins, "--algorithm", "raft", "--peers", "3", "--observers", "1",
                "--seeds", "30", "--faults", "all");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("algorithm raft, 3 voters, 1 observers, faults all", "seeds run: 30",
                "violations: 0");
    }

    /** The rejoin counts leader changes: none for FLE, whose rejoining peer joins the leader it left. */
    @Test
    void theRejoinCountsLeaderChanges() {
        int code = run("sim", "--algorithm", "3", "--peers", "5", "--seeds", "30", "--faults", "rejoin");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("faults rejoin", "violations: 0", "leader changes: 0");
    }

    @Test
    void aBrokenPluginJarIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path plugins) throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});

        assertThat(run("sim", "--plugin-dir", plugins.toString(), "--algorithm", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("election plugin " + jar);
    }

    @Test
    void anUnknownAlgorithmListsTheInstalledOnes() {
        int code = run("sim", "--algorithm", "paxos");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--algorithm paxos names no installed election algorithm; available: ",
                "0 (legacy)", "1 (auth-fast)", "2 (auth-fast-challenge)", "3 (fast)");
    }

    @Test
    void badOptionsAreNamed() {
        assertThat(run("sim", "--algorithm", "fast", "--faults", "meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("--faults meteor is not one of none, crash, partition, loss, clog, all, rejoin");

        assertThat(run("sim", "--algorithm", "fast", "--seeds", "3", "--seed", "4")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");

        assertThat(run("sim", "--algorithm", "fast", "--peers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--peers must be at least 1");
    }
}
