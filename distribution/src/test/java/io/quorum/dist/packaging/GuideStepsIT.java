package io.quorum.dist.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.transport.sim.ExpectedLeader;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SweepSummary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/custom-election.md's build steps, followed as written by someone new: the block between its
 * {@code guide-steps} markers runs with bash in a fresh copy of the checkout (no build output in
 * it), with {@code QUORUM_HOME} an empty distribution home. The plugin jar it leaves in
 * {@code $QUORUM_HOME/plugins} must then be a working plugin: found by the registry in its own
 * class loader, and keeping every invariant under the simulator.
 *
 * <p>The first step installs quorum-api and transport into the local Maven repository, as it
 * would for the reader.
 */
class GuideStepsIT {
    private static final Path GUIDE = Path.of("docs", "custom-election.md");
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".idea");
    private static final long BOUND_MINUTES = 15;

    @TempDir
    Path scratch;

    @Test
    void theGuidesStepsBuildAWorkingPlugin() throws Exception {
        Path root = Path.of(System.getProperty("quorum.root")).toRealPath();
        String steps = steps(Files.readString(root.resolve(GUIDE)));
        assertThat(steps).contains("mvn ", "cd examples/raft-election", "$QUORUM_HOME/plugins");
        Path checkout = copyCheckout(root, scratch.resolve("checkout"));
        Path home = Files.createDirectories(scratch.resolve("quorum-home"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));

        Path log = scratch.resolve("steps.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", steps)
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("QUORUM_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", Path.of(System.getProperty("maven.home"), "bin") + File.pathSeparator
                + builder.environment().getOrDefault("PATH", ""));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(BOUND_MINUTES, TimeUnit.MINUTES)).as("the steps finish; output in " + log).isTrue();
            assertThat(process.exitValue()).as(tail(log)).isZero();
        } finally {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }

        List<Path> jars = list(plugins);
        assertThat(jars).as("what the steps put in $QUORUM_HOME/plugins").singleElement()
                .matches(jar -> jar.getFileName().toString().startsWith("raft-election-"));
        ElectionProvider raft = ElectionRegistry.load(getClass().getClassLoader(), Optional.of(plugins)).select("raft");
        assertThat(raft.getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
                .isEqualTo(jars.get(0).toUri());
        SimulationOptions options = SimulationOptions.builder(0).voters(3).observers(1).schedule(FaultSchedule.ALL)
                .expectedLeader(ExpectedLeader.of(raft)).build();
        SweepSummary summary = new SeedSweep(raft, options).run(1, 100);
        assertThat(summary.violations()).as(summary.summary()).isEmpty();
    }

    /** The lines of the fenced block between the guide's {@code guide-steps} markers. */
    static String steps(String guide) {
        int begin = guide.indexOf("<!-- guide-steps:begin");
        int end = guide.indexOf("<!-- guide-steps:end -->");
        assertThat(begin).as("the guide marks its steps").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String block = guide.substring(guide.indexOf('\n', begin) + 1, end).strip();
        assertThat(block).startsWith("```bash").endsWith("```");
        return block.substring("```bash".length(), block.length() - "```".length()).strip() + "\n";
    }

    /** The checkout's files without build output or version control, as a fresh clone has them. */
    private static Path copyCheckout(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.toString().isEmpty()) {
                    continue;
                }
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
