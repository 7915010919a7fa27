package io.quorum.dist.cli;

import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.election.PluginDirectory;
import io.quorum.transport.sim.ExpectedLeader;
import io.quorum.transport.sim.FaultSchedule;
import io.quorum.transport.sim.SeedSweep;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import io.quorum.transport.sim.SweepSummary;
import io.quorum.transport.sim.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quorum sim}: runs an election algorithm under the deterministic simulator. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an election algorithm under the deterministic simulator.",
            "Seeded faults, virtual time, invariants checked after every step. Exits 1 on any violation and "
                    + "prints how to replay it."})
final class SimCommand implements Callable<Integer> {
    private static final int BATCH = 100;
    /** The rejoin's cut heals at most 3.5 s after the first election: well inside this. */
    private static final long REJOIN_SAFETY_PHASE_NANOS = 6_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--algorithm", required = true, paramLabel = "A",
            description = "electionAlg number or name, e.g. 3 or fast")
    String algorithm;

    @Option(names = "--peers", defaultValue = "5", paramLabel = "N", description = "voting peers (default: ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--observers", defaultValue = "0", paramLabel = "K", description = "observers (default: ${DEFAULT-VALUE})")
    int observers;

    @ArgGroup(exclusive = true)
    SeedChoice seeds = new SeedChoice();

    @Option(names = "--faults", defaultValue = "all", paramLabel = "F",
            description = "none, crash, partition, loss, clog or all (default: ${DEFAULT-VALUE}); or rejoin: no "
                    + "faults but one follower cut off after the first election and healed 1-3 s later, counting "
                    + "leader changes")
    String faults;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "a setting every core gets, as zoo.cfg's election.<name>.KEY=VALUE (repeatable), "
                    + "e.g. --property preVote=false")
    Map<String, String> properties = new TreeMap<>();

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "election plugin jars to add (default: the distribution's plugins/ directory)")
    Path pluginDir;

    @Option(names = "--trace", description = "print the whole trace of every run (use with --seed)")
    boolean trace;

    static final class SeedChoice {
        @Option(names = "--seeds", paramLabel = "K", description = "run seeds 1..K (default: 1000)")
        Long count;

        @Option(names = "--seed", paramLabel = "S", description = "run this one seed")
        Long single;
    }

    @Override
    public Integer call() {
        validate();
        ElectionProvider provider = selectProvider();
        // Fault-free runs are checked against the leader the algorithm promises; majority views
        // make that promise unambiguous for every algorithm (with weights, a voter that alone
        // holds a quorum may win on its own vote under the algorithms that carry no epoch).
        FaultSchedule schedule = schedule();
        SimulationOptions.Builder builder = SimulationOptions.builder(0).voters(peers).observers(observers)
                .schedule(schedule).fullTrace(trace).expectedLeader(ExpectedLeader.of(provider));
        if (!properties.isEmpty()) {
            Map<String, String> fixed = Map.copyOf(properties);
            builder.knobSpace(random -> fixed);
        }
        if (schedule == FaultSchedule.NONE) {
            builder.hierarchicalProbability(0);
        }
        if (rejoin()) {
            builder.rejoin(true).safetyPhaseNanos(REJOIN_SAFETY_PHASE_NANOS);
        }
        SimulationOptions template = builder.build();
        PrintWriter out = spec.commandLine().getOut();
        out.println("algorithm " + provider.name() + ", " + peers + " voters, " + observers + " observers, faults "
                + faults.toLowerCase(Locale.ROOT));
        return seeds.single != null ? runOne(provider, template.withSeed(seeds.single), out) : runMany(provider, template, out);
    }

    private int runOne(ElectionProvider provider, SimulationOptions options, PrintWriter out) {
        SimulationResult result = Simulation.run(provider, options);
        out.println(trace ? result.traceText() : result.report());
        out.println("seeds run: 1");
        out.println("violations: " + result.violations().size());
        result.violations().forEach(v -> printViolation(v, out));
        return result.passed() ? 0 : 1;
    }

    private int runMany(ElectionProvider provider, SimulationOptions template, PrintWriter out) {
        long count = seeds.count == null ? 1000 : seeds.count;
        ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), count);
        SeedSweep sweep = new SeedSweep(provider, template, 100, System::nanoTime);
        long started = System.nanoTime();
        long violations = 0;
        long leaderChanges = 0;
        Violation first = null;
        for (long from = 1; from <= count; from += BATCH) {
            SweepSummary batch = sweep.run(from, Math.min(BATCH, count - from + 1));
            violations += batch.violations().size();
            leaderChanges += batch.leaderChanges();
            if (first == null && !batch.violations().isEmpty()) {
                first = batch.violations().get(0);
            }
            progress.update(from - 1 + batch.runs(), violations);
        }
        progress.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println("seeds run: " + count);
        out.printf(Locale.ROOT, "seeds per second: %.0f%n", count / Math.max(seconds, 1e-9));
        out.println("violations: " + violations);
        out.println("leader changes: " + leaderChanges);
        if (first != null) {
            printViolation(first, out);
        }
        return violations == 0 ? 0 : 1;
    }

    private void printViolation(Violation violation, PrintWriter out) {
        out.println(violation);
        StringBuilder settings = new StringBuilder();
        properties.forEach((k, v) -> settings.append(" --property ").append(k).append('=').append(v));
        if (pluginDir != null) {
            settings.append(" --plugin-dir ").append(pluginDir);
        }
        out.println("replay: quorum sim --algorithm " + algorithm + " --peers " + peers + " --observers " + observers
                + " --faults " + faults.toLowerCase(Locale.ROOT) + settings + " --seed " + violation.seed() + " --trace");
    }

    private ElectionProvider selectProvider() {
        ElectionRegistry registry;
        try {
            Optional<Path> plugins = Optional.ofNullable(pluginDir).map(Path::toAbsolutePath)
                    .or(PluginDirectory::fromSystemProperty);
            registry = ElectionRegistry.load(SimCommand.class.getClassLoader(), plugins);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return registry.find(algorithm).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--algorithm " + algorithm + " names no installed election algorithm; available: "
                        + registry.describeAvailable()));
    }

    private FaultSchedule schedule() {
        return switch (faults.toLowerCase(Locale.ROOT)) {
            case "none", "rejoin" -> FaultSchedule.NONE;
            case "crash" -> FaultSchedule.CRASH;
            case "partition" -> FaultSchedule.PARTITION;
            case "loss" -> FaultSchedule.LOSS;
            case "clog" -> FaultSchedule.SWIZZLE_CLOG;
            case "all" -> FaultSchedule.ALL;
            default -> throw new ParameterException(spec.commandLine(),
                    "--faults " + faults + " is not one of none, crash, partition, loss, clog, all, rejoin");
        };
    }

    private boolean rejoin() {
        return faults.toLowerCase(Locale.ROOT).equals("rejoin");
    }

    private void validate() {
        if (peers < 1) {
            throw new ParameterException(spec.commandLine(), "--peers must be at least 1, not " + peers);
        }
        if (observers < 0) {
            throw new ParameterException(spec.commandLine(), "--observers must not be negative, not " + observers);
        }
        if (seeds.count != null && seeds.count < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, not " + seeds.count);
        }
        schedule();
    }
}
