package io.quorum.dist.cli;

import io.quorum.dist.bench.Bench;
import io.quorum.dist.bench.BenchListener;
import io.quorum.dist.bench.BenchResults;
import io.quorum.dist.bench.BenchSettings;
import io.quorum.dist.bench.BenchSystem;
import io.quorum.dist.bench.Network;
import io.quorum.dist.bench.Ratios;
import io.quorum.dist.bench.ReportPage;
import io.quorum.dist.bench.ResultsCsv;
import io.quorum.dist.bench.ResultsJson;
import io.quorum.dist.bench.Scenario;
import io.quorum.dist.bench.Summary;
import io.quorum.dist.bench.TrialResult;
import io.quorum.dist.cds.ClassDataArchive;
import io.quorum.dist.harness.ZooKeeperClassPath;
import io.quorum.peer.election.ElectionRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum bench}: election algorithms and ZooKeeper baselines, measured alike in one interleaved run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures election algorithms, and real Apache ZooKeeper releases as baselines, in one run:",
            "every system the same way, trials interleaved (A B C A B C ...) after a warm-up round.",
            "Writes results.json, results.csv and report.html into --out and prints the summary table.",
            "ZooKeeper's jars are resolved through Maven into ~/.cache/quorum/zookeeper on first use."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every trial ran", "1:some trial failed (see the table and results.json)", "2:bad options"})
final class BenchCommand implements Callable<Integer> {
    private static final int MAX_REAL_SIZE = 15;
    private static final int MAX_SIM_SIZE = 1_001;

    @Spec
    CommandSpec spec;

    @Option(names = "--systems", defaultValue = "quorum:3,zookeeper-3.9.5:3", paramLabel = "LIST", split = ",",
            description = "quorum:<alg> (any installed algorithm, by number or name), zookeeper-3.9.5:3, "
                    + "zookeeper-3.4.14:<0|1|2|3> (default: ${DEFAULT-VALUE})")
    List<String> systems;

    @Option(names = "--sizes", defaultValue = "3", paramLabel = "LIST", split = ",",
            description = "peers per ensemble (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--scenarios", defaultValue = "cold-start,leader-crash", paramLabel = "LIST", split = ",",
            description = "cold-start, leader-crash, restart-all, one-down; with --network sim: cold-start, "
                    + "leader-crash, partition, loss, clog (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--trials", defaultValue = "5", paramLabel = "T",
            description = "measured trials per system, scenario and size, after one warm-up (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--network", defaultValue = "real", paramLabel = "real|sim",
            description = "real peer processes on loopback, or the deterministic simulator (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR",
            description = "where results.json, results.csv and report.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "the simulator's first seed; trial i uses S+i for every system (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--baseline", paramLabel = "SYSTEM",
            description = "the system ratios divide by (default: the first ZooKeeper system, else the first system)")
    String baseline;

    @Override
    public Integer call() throws IOException {
        Network where = network();
        List<Scenario> scenarioList = scenarios(where);
        List<BenchSystem> systemList = systems(where);
        validateSizes(where);
        if (trials < 1) {
            throw new ParameterException(spec.commandLine(), "--trials must be at least 1, not " + trials);
        }
        List<String> labels = systemList.stream().map(BenchSystem::label).toList();
        String base = baseline(systemList, labels);
        BenchSettings settings = new BenchSettings(labels, List.copyOf(new LinkedHashSet<>(sizes)), scenarioList, trials,
                where, seed, base);
        Files.createDirectories(out);
        Path work = Files.createDirectories(out.resolve("peers"));
        PrintWriter err = spec.commandLine().getErr();
        if (where == Network.REAL) {
            // Before the bar starts: a first Maven resolve would make its estimate meaningless.
            systemList.forEach(s -> s.zooKeeper().ifPresent(v -> ZooKeeperClassPath.resolve(v, message -> {
                err.println("quorum bench: " + message);
                err.flush();
            })));
            // Our peers start as quorum ensemble's do, mapping the class-data archive.
            ClassDataArchive.prepare(err);
        }
        ProgressBar progress = new ProgressBar(err, settings.totalTrials(), "trials", System.console() != null, true,
                System::nanoTime);
        progress.update(0, "");
        BenchResults results = new Bench(settings, systemList, work, new BenchListener() {
            @Override
            public void trialDone(TrialResult result, long done, long total) {
                progress.update(done, result.system() + " " + result.scenario() + " " + result.size() + ": "
                        + (result.ok() ? String.format(Locale.ROOT, "%.1f ms", result.millis()) : "FAILED"));
            }

            @Override
            public void note(String message) {
                progress.finish();
                err.println("quorum bench: " + message);
                err.flush();
            }
        }).run();
        progress.finish();
        ResultsJson.write(results, out.resolve("results.json"));
        ResultsCsv.write(results, out.resolve("results.csv"));
        ReportPage.write(results, out.resolve("report.html"));
        removeIfEmpty(work); // failed trials leave their peers' logs there
        printTable(results, spec.commandLine().getOut());
        boolean failed = results.trials().stream().anyMatch(t -> !t.ok());
        return failed ? 1 : 0;
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            Files.delete(dir);
        }
    }

    /** The summary table in Markdown, so it can go into a README as it is. */
    private void printTable(BenchResults results, PrintWriter stdout) {
        Map<String, Ratios.Row> ratios = results.ratios().stream().collect(Collectors.toMap(
                r -> r.system() + " " + r.scenario() + " " + r.size(), Function.identity()));
        stdout.println("| system | scenario | size | trials | failed | min ms | median ms | p90 ms | max ms | median ratio to "
                + results.settings().baseline() + " |");
        stdout.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (BenchResults.Cell cell : results.cells()) {
            Summary s = cell.summary();
            Ratios.Row ratio = ratios.get(cell.system() + " " + cell.scenario() + " " + cell.size());
            String ratioText = cell.system().equals(results.settings().baseline()) ? "1 (baseline)"
                    : ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio.summary().median());
            stdout.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %s | %s | %s | %s | %s |%n", cell.system(),
                    cell.scenario().label(), cell.size(), cell.millis().size(), cell.failed(), ms(s, Summary::min),
                    ms(s, Summary::median), ms(s, Summary::p90), ms(s, Summary::max), ratioText);
        }
        stdout.println();
        stdout.println("wrote " + out.resolve("results.json") + ", " + out.resolve("results.csv") + ", "
                + out.resolve("report.html"));
        stdout.flush();
    }

    private static String ms(Summary s, Function<Summary, Double> figure) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.1f", figure.apply(s));
    }

    private Network network() {
        return switch (network.toLowerCase(Locale.ROOT)) {
            case "real" -> Network.REAL;
            case "sim" -> Network.SIM;
            default -> throw new ParameterException(spec.commandLine(), "--network is real or sim, not " + network);
        };
    }

    private List<Scenario> scenarios(Network where) {
        List<Scenario> list = new ArrayList<>();
        for (String label : scenarios) {
            Scenario scenario = Scenario.of(label.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--scenarios: unknown scenario '" + label + "'; known: " + List.of(Scenario.values())));
            if (where == Network.REAL && !scenario.runsReal()) {
                throw new ParameterException(spec.commandLine(), "--scenarios: " + label + " needs --network sim");
            }
            if (where == Network.SIM && !scenario.runsSimulated()) {
                throw new ParameterException(spec.commandLine(), "--scenarios: " + label + " needs --network real");
            }
            if (!list.contains(scenario)) {
                list.add(scenario);
            }
        }
        return list;
    }

    private List<BenchSystem> systems(Network where) {
        ElectionRegistry registry = ElectionRegistry.fromClassLoader(BenchCommand.class.getClassLoader());
        List<BenchSystem> list = new ArrayList<>();
        for (String text : systems) {
            BenchSystem system;
            try {
                system = BenchSystem.parse(text, registry);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--systems: " + e.getMessage());
            }
            if (where == Network.SIM && !system.isQuorum()) {
                throw new ParameterException(spec.commandLine(), "--systems: " + text
                        + " is a ZooKeeper release; --network sim runs our algorithms only");
            }
            if (list.stream().anyMatch(s -> s.label().equals(system.label()))) {
                throw new ParameterException(spec.commandLine(), "--systems: " + text + " is listed twice");
            }
            list.add(system);
        }
        return list;
    }

    private void validateSizes(Network where) {
        int max = where == Network.REAL ? MAX_REAL_SIZE : MAX_SIM_SIZE;
        for (int size : sizes) {
            if (size < 3 || size > max) {
                throw new ParameterException(spec.commandLine(), "--sizes: each size must be 3.." + max + " with --network "
                        + network.toLowerCase(Locale.ROOT) + ", not " + size);
            }
        }
    }

    private String baseline(List<BenchSystem> systemList, List<String> labels) {
        if (baseline != null) {
            if (!labels.contains(baseline)) {
                throw new ParameterException(spec.commandLine(), "--baseline " + baseline + " is not one of --systems "
                        + labels);
            }
            return baseline;
        }
        return systemList.stream().filter(s -> !s.isQuorum()).findFirst().orElse(systemList.get(0)).label();
    }
}
