package io.quorum.dist.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code package} built, unpacked into a temporary directory as a user would unpack
 * it, and its {@code bin/quorum} run as a real process.
 */
class DistributionTarballIT {
    /** A cold JVM on a busy two-core machine, plus a short simulator run. */
    private static final Duration PROCESS_BOUND = Duration.ofMinutes(2);

    @TempDir
    static Path scratch;
    private static Path unpacked;
    private static Path home;
    private static String version;

    @TempDir
    Path work;

    @BeforeAll
    static void unpack() throws Exception {
        version = System.getProperty("quorum.version");
        Path tarball = Path.of(System.getProperty("quorum.tarball"));
        assertThat(tarball).as("the tarball `package` builds").isRegularFile()
                .hasFileName("quorum-" + version + "-bin.tar.gz");
        unpacked = Files.createDirectories(scratch.resolve("unpacked"));
        Result tar = run(scratch, List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), Map.of());
        assertThat(tar.code).as(tar.err).isZero();
        home = unpacked.resolve("quorum-" + version);
    }

    @Test
    void everythingIsUnderOneTopLevelDirectoryLaidOutAsZooKeepers() throws IOException {
        assertThat(list(unpacked)).containsExactly("quorum-" + version);
        assertThat(list(home)).containsExactlyInAnyOrder("bin", "conf", "lib", "README.md", "LICENSE");
        assertThat(list(home.resolve("bin"))).containsExactly("quorum");
        assertThat(Files.isExecutable(home.resolve("bin/quorum"))).isTrue();
        assertThat(list(home.resolve("conf"))).containsExactlyInAnyOrder("zoo_sample.cfg", "logback.xml");
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(Files.readString(home.resolve("README.md"))).startsWith("# quorum");
    }

    @Test
    void libHoldsTheCommandAndItsWholeRuntimeClassPathIncludingEveryElectionModule() throws IOException {
        Set<String> jars = list(home.resolve("lib"));

        assertThat(jars).contains("distribution-" + version + ".jar", "quorum-api-" + version + ".jar",
                "transport-" + version + ".jar", "quorum-peer-" + version + ".jar",
                "election-fast-" + version + ".jar", "election-legacy-udp-" + version + ".jar",
                "election-auth-" + version + ".jar");
        assertThat(jars).anyMatch(jar -> jar.startsWith("picocli-"))
                .anyMatch(jar -> jar.startsWith("logback-classic-"))
                .anyMatch(jar -> jar.startsWith("slf4j-api-"))
                .allMatch(jar -> jar.endsWith(".jar"))
                .noneMatch(jar -> jar.endsWith("-tests.jar"))
                .noneMatch(jar -> jar.startsWith("junit") || jar.startsWith("assertj") || jar.startsWith("archunit")
                        || jar.startsWith("awaitility"));
        // Exactly what the build copies for ./quorum, plus the distribution jar itself.
        Set<String> runtime = list(Path.of(System.getProperty("quorum.tarball")).resolveSibling("lib"));
        assertThat(jars).containsExactlyInAnyOrderElementsOf(
                Stream.concat(runtime.stream(), Stream.of("distribution-" + version + ".jar")).toList());
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        Result help = quorum(Map.of(), "--help");
        assertThat(help.code).as(help.err).isZero();
        assertThat(help.out).contains("Usage: quorum", "start", "status", "sim");

        Result version = quorum(Map.of(), "--version");
        assertThat(version.code).isZero();
        assertThat(version.out.strip()).isEqualTo("quorum " + DistributionTarballIT.version);

        Result startHelp = quorum(Map.of(), "start", "--help");
        assertThat(startHelp.code).isZero();
        assertThat(startHelp.out).contains("Usage: quorum start");
    }

    @Test
    void aFaultFreeSimulationRunsAndExitsZero() throws Exception {
        Result sim = quorum(Map.of(), "sim", "--algorithm", "3", "--peers", "3", "--seeds", "20", "--faults", "none");

        assertThat(sim.code).as(sim.err).isZero();
        assertThat(sim.out).contains("seeds run: 20", "violations: 0");
        // Logs, if any, go to standard error; standard output is the command's answer.
        assertThat(sim.out).doesNotContain("[myid:");
    }

    @Test
    void startWithAMissingConfigAndStatusWithNoPeerFailAsDocumented() throws Exception {
        Path missing = work.resolve("zoo.cfg");
        Result start = quorum(Map.of(), "start", missing.toString());
        assertThat(start.code).isEqualTo(2);
        assertThat(start.err).contains("quorum start: config file " + missing + " does not exist");

        Result status = quorum(Map.of(), "status", "--timeout", "500", "127.0.0.1:1");
        assertThat(status.code).isEqualTo(1);
        assertThat(status.out).contains("127.0.0.1:1", "unreachable");
        assertThat(status.err).contains("no peer reports Mode: leader");
    }

    @Test
    void theLauncherPassesQuorumJvmOptsAndTheLogbackConfiguration() throws Exception {
        Result result = quorum(Map.of("QUORUM_JVM_OPTS", "-XshowSettings:properties -Dquorum.it.marker=yes"),
                "--version");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.err).contains("quorum.it.marker = yes",
                "logback.configurationFile = " + home.toRealPath().resolve("conf/logback.xml"));
    }

    @Test
    void theLauncherHonoursJavaHome() throws Exception {
        Path noJava = Files.createDirectories(work.resolve("not-a-jdk"));

        Result result = quorum(Map.of("JAVA_HOME", noJava.toString()), "--version");

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("JAVA_HOME is " + noJava);
    }

    @Test
    void theLauncherWorksThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("quorum"), home.resolve("bin/quorum"));

        Result result = run(work, List.of(link.toString(), "--version"), Map.of());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).contains("quorum " + version);
    }

    private Result quorum(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/quorum").toString());
        command.addAll(List.of(args));
        return run(work, command, env);
    }

    private record Result(int code, String out, String err) {
    }

    /**
     * Runs a command with JAVA_HOME set to this JVM's and no QUORUM_JVM_OPTS unless {@code env}
     * says otherwise; output goes to files, so a chatty process never blocks on a full pipe.
     */
    private static Result run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("QUORUM_JVM_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(PROCESS_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " did not finish within " + PROCESS_BOUND + "; stderr:\n"
                        + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            process.waitFor(PROCESS_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
