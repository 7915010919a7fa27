package io.quorum.dist.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.view.PeerAddress;
import io.quorum.dist.ensemble.EnsembleLayout;
import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrClient;
import io.quorum.dist.status.StatusTarget;
import io.quorum.transport.support.PortRange;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** How long a peer may take to exit after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

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
        assertThat(list(home)).containsExactlyInAnyOrder("bin", "conf", "lib", "plugins", "README.md", "LICENSE");
        assertThat(list(home.resolve("plugins"))).containsExactly("raft-election-" + version + ".jar");
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
        assertThat(jars).noneMatch(jar -> jar.startsWith("raft-election"));
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
        assertThat(help.out).contains("Usage: quorum", "start", "status", "sim", "bench");

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

    /** The bench from the tarball: its JSON library is in lib/, its table alone on standard output. */
    @Test
    void aSimulatedBenchWritesItsFiles() throws Exception {
        Path out = work.resolve("bench");
        Result bench = quorum(Map.of(), "bench", "--network", "sim", "--systems", "quorum:3,quorum:legacy", "--trials",
                "1", "--out", out.toString());

        assertThat(bench.code).as(bench.err).isZero();
        assertThat(bench.out).startsWith("| system |").contains("| quorum:legacy | leader-crash | 3 | 1 | 0 |");
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("results.csv")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
    }

    /** Issue 7's demonstration: an ensemble elects, loses its leader to kill -9 and elects again. */
    @Test
    void anEnsembleElectsAfterLeaderKillsAndLeavesNoProcessBehind() throws Exception {
        Path data = work.resolve("ensemble");
        int base = freeBasePort(data);
        Path cache = work.resolve("cache");
        Result run = quorum(Map.of("XDG_CACHE_HOME", cache.toString()), "ensemble", "--duration", "10",
                "--kill-leader-every", "4", "--base-port", Integer.toString(base), "--data-dir", data.toString());

        assertThat(run.code).as(run.err).isZero();
        // The first ensemble of a build trains the class-data archive its peers then map.
        assertThat(run.err).contains("class-data archive ready");
        try (var archives = Files.list(cache.resolve("quorum/cds"))) {
            assertThat(archives.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".jsa"));
        }
        assertThat(data.resolve("peer-1/peer.log")).content().doesNotContain("Unable to use shared archive");
        Matcher seen = Pattern.compile("elections seen: (\\d+)").matcher(run.out);
        assertThat(seen.find()).as(run.out).isTrue();
        assertThat(Integer.parseInt(seen.group(1))).as(run.out).isGreaterThanOrEqualTo(2);
        assertThat(run.out).contains("killed the leader, peer ");
        assertThat(data.resolve("peer-1/zoo.cfg")).content().contains("clientPort=" + (base + 1),
                "server.3=127.0.0.1:" + (base + 103) + ":" + (base + 203));
        // Every child was stopped: no process anywhere still runs from the ensemble's directory.
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())).orElse(false))
                .map(ProcessHandle::pid).toList()).isEmpty();
    }

    /** The shipped plugin: `quorum ensemble --election-alg raft` works out of the box. */
    @Test
    void theShippedRaftPluginRunsAnEnsembleThatElectsAfterLeaderKills() throws Exception {
        Path data = work.resolve("raft-ensemble");
        int base = freeBasePort(data);
        // Longer than the FLE run above: four JVMs starting at once on a loaded two-core machine
        // can take most of ten seconds before the first election.
        Result run = quorum(Map.of(), "ensemble", "--election-alg", "raft", "--duration", "25", "--kill-leader-every", "5",
                "--base-port", Integer.toString(base), "--data-dir", data.toString());

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("electionAlg=raft", "killed the leader, peer ");
        Matcher seen = Pattern.compile("elections seen: (\\d+)").matcher(run.out);
        assertThat(seen.find()).as(run.out).isTrue();
        assertThat(Integer.parseInt(seen.group(1))).as(run.out).isGreaterThanOrEqualTo(2);
    }

    /**
     * Issue 10's demonstration: the example jar, as its own build made it, copied into a fresh
     * plugin directory that zoo.cfg's plugin.dir names; three peers started with electionAlg=raft
     * elect a leader; kill -9 of the leader's pid; the two others elect a new one.
     */
    @Test
    void theBuiltExamplePluginInAFreshPluginDirElectsAgainAfterKillMinusNineOfTheLeader() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("fresh-plugins"));
        Path built = builtExampleJar();
        Files.copy(built, plugins.resolve(built.getFileName()));
        int[] ports = freePorts(9);
        Map<Integer, Process> peers = new java.util.TreeMap<>();
        try {
            for (int sid = 1; sid <= 3; sid++) {
                Path zooCfg = peerConfig(sid, ports, List.of("electionAlg=raft", "plugin.dir=" + plugins));
                peers.put(sid, startPeer(sid, zooCfg));
            }
            SrvrClient client = new SrvrClient(Duration.ofSeconds(1));
            int first = awaitLeader(client, ports, peers.keySet());
            assertThat(Files.readString(work.resolve("peer-" + first + ".log"))).contains("LEADING - LEADER ELECTION TOOK");

            Result kill = run(work, List.of("kill", "-9", Long.toString(peers.get(first).pid())), Map.of());
            assertThat(kill.code).as(kill.err).isZero();
            assertThat(peers.get(first).waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(peers.get(first).exitValue()).isEqualTo(137);

            Set<Integer> survivors = new java.util.TreeSet<>(peers.keySet());
            survivors.remove(first);
            int second = awaitLeader(client, ports, survivors);
            assertThat(second).isNotEqualTo(first);
        } finally {
            stopAll(peers.values());
        }
        assertThat(peers.values()).noneMatch(Process::isAlive);
    }

    /** The jar examples/raft-election's own build made (the reactor builds it before this module). */
    private static Path builtExampleJar() {
        Path jar = Path.of(System.getProperty("quorum.root"), "examples", "raft-election", "target",
                "raft-election-" + version + ".jar");
        assertThat(jar).as("the example plugin's build output").isRegularFile();
        return jar;
    }

    /** The sid of the one peer among {@code sids} that reports leader, once one does. */
    private int awaitLeader(SrvrClient client, int[] ports, Set<Integer> sids) {
        List<StatusTarget> targets = sids.stream()
                .map(sid -> new StatusTarget(OptionalLong.of(sid), new PeerAddress("127.0.0.1", ports[sid - 1])))
                .toList();
        return await().atMost(PROCESS_BOUND).pollInterval(Duration.ofMillis(200))
                .alias("a leader among peers " + sids + "; logs in " + work)
                .until(() -> client.askAll(targets).stream().filter(Probe::isLeader).map(p -> p.sid().orElse(-1))
                        .findFirst(), java.util.Optional::isPresent)
                .map(Long::intValue).orElseThrow();
    }

    private Process startPeer(int sid, Path zooCfg) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/quorum").toString(), "start", zooCfg.toString())
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("peer-" + sid + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("QUORUM_JVM_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static void stopAll(java.util.Collection<Process> peers) throws InterruptedException {
        for (Process peer : peers) {
            peer.destroy();
        }
        for (Process peer : peers) {
            if (!peer.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                peer.destroyForcibly();
                peer.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Issue 11's demonstration: `ensemble --tls` makes its own CA and runs the quorum over mutual TLS. */
    @Test
    void aTlsEnsembleMadeInOneCommandElectsAndFailsOver() throws Exception {
        Path data = work.resolve("tls-ensemble");
        int base = freeBasePort(data);
        Result run = quorum(Map.of(), "ensemble", "--tls", "--duration", "10", "--kill-leader-every", "4",
                "--base-port", Integer.toString(base), "--data-dir", data.toString());

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("TLS (certificates in " + data.resolve("tls") + ")", "killed the leader, peer ");
        Matcher seen = Pattern.compile("elections seen: (\\d+)").matcher(run.out);
        assertThat(seen.find()).as(run.out).isTrue();
        assertThat(Integer.parseInt(seen.group(1))).as(run.out).isGreaterThanOrEqualTo(2);
        assertThat(data.resolve("peer-2/zoo.cfg")).content().contains("sslQuorum=true",
                "ssl.quorum.keyStore.location=" + data.resolve("tls/peer-2.p12"));
        for (int sid = 1; sid <= 3; sid++) {
            assertThat(data.resolve("peer-" + sid + "/peer.log")).content().contains("quorum TLS: TLSv1.3");
        }
    }

    /**
     * A base port whose three-peer layout is free on 127.0.0.1 now, below the ephemeral range (see
     * {@link LoopbackPorts}): a new leader binds its quorum port only when it is elected.
     */
    private static int freeBasePort(Path data) {
        PortRange range = LoopbackPorts.serverRange().orElseThrow();
        int span = range.size() - 203; // the layout uses base+1 .. base+203
        int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i += 997) {
            int base = range.first() + (start + i) % span;
            if (new EnsembleLayout(3, 0, "3", base, data).portsInUse().isEmpty()) {
                return base;
            }
        }
        throw new IllegalStateException("no free base port for a three-peer ensemble in " + range);
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

    @Test
    void threePeersStartedFromTheSampleConfigElectAndStatusSeesTheirLeader() throws Exception {
        int[] ports = freePorts(9);
        List<Process> peers = new ArrayList<>();
        try {
            for (int sid = 1; sid <= 3; sid++) {
                peers.add(startPeer(sid, peerConfig(sid, ports, List.of())));
            }
            List<StatusTarget> targets = List.of(1, 2, 3).stream()
                    .map(sid -> new StatusTarget(OptionalLong.of(sid), new PeerAddress("127.0.0.1", ports[sid - 1])))
                    .toList();
            SrvrClient client = new SrvrClient(Duration.ofSeconds(1));
            await().atMost(PROCESS_BOUND).pollInterval(Duration.ofMillis(200))
                    .alias("a leader among the three peers; logs in " + work)
                    .until(() -> client.askAll(targets).stream().anyMatch(Probe::isLeader));

            Result status = quorum(Map.of(), "status", "--config", work.resolve("zoo-1.cfg").toString());

            assertThat(status.code).as(status.err).isZero();
            // One line per peer; the leader's says so, names itself leader and the algorithm.
            assertThat(status.out.lines()).hasSize(4)
                    .filteredOn(line -> line.contains(" leader ")).singleElement()
                    .matches(line -> line.matches("([1-3]) +127\\.0\\.0\\.1:[0-9]+ +leader +0x[0-9a-f]+ +\\1 +[0-9]+ "
                            + "+fast \\(3\\)"), "the leader's line");
            // The peer logs to the console through conf/logback.xml, with its id in every line.
            assertThat(Files.readString(work.resolve("peer-1.log"))).contains("[myid:1] INFO ");
        } finally {
            stopAll(peers);
        }
        assertThat(peers).noneMatch(Process::isAlive);
    }

    /**
     * zoo.cfg for peer {@code sid}: the shipped sample with its own data directory and myid, as the
     * sample's comments say, and free ports in place of the fixed ones (client, quorum, election
     * ports of peer i at {@code ports[i-1]}, {@code ports[i+2]}, {@code ports[i+5]}), and
     * each {@code key=value} of {@code extra} in place of the sample's line for that key, or at the
     * end.
     */
    private Path peerConfig(int sid, int[] ports, List<String> extra) throws IOException {
        Path data = Files.createDirectories(work.resolve("data-" + sid));
        Files.writeString(data.resolve("myid"), sid + "\n");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("conf/zoo_sample.cfg"))) {
            if (line.startsWith("dataDir=")) {
                line = "dataDir=" + data;
            } else if (line.startsWith("clientPort=")) {
                line = "clientPort=" + ports[sid - 1];
            } else if (line.startsWith("server.")) {
                int n = Integer.parseInt(line.substring("server.".length(), line.indexOf('=')));
                line = "server." + n + "=127.0.0.1:" + ports[n + 2] + ":" + ports[n + 5] + ";" + ports[n - 1];
            }
            lines.add(line);
        }
        for (String setting : extra) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            int at = lines.stream().filter(l -> l.startsWith(key)).findFirst().map(lines::indexOf).orElse(-1);
            if (at >= 0) {
                lines.set(at, setting);
            } else {
                lines.add(setting);
            }
        }
        return Files.write(work.resolve("zoo-" + sid + ".cfg"), lines);
    }

    private static int[] freePorts(int count) {
        return LoopbackPorts.forServers(count).stream().mapToInt(Integer::intValue).toArray();
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
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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
