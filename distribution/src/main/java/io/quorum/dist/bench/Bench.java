package io.quorum.dist.bench;

import io.quorum.api.election.ElectionProvider;
import io.quorum.dist.harness.DirectoryTrees;
import io.quorum.dist.harness.ZooKeeperClassPath;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every trial of a bench: per size and scenario, a warm-up round and then the measured
 * rounds, each round one trial of every system in turn (A B C A B C ...), so slow drifts of the
 * machine's load reach every system alike and trial i of each system can be paired.
 */
public final class Bench {
    private final BenchSettings settings;
    private final List<BenchSystem> systems;
    private final Path workDir;
    private final BenchListener listener;

    /**
     * @param workDir where the peers' directories go; each trial's is deleted after it unless the trial failed
     */
    public Bench(BenchSettings settings, List<BenchSystem> systems, Path workDir, BenchListener listener) {
        this.settings = settings;
        this.systems = List.copyOf(systems);
        this.workDir = workDir;
        this.listener = listener;
    }

    public BenchResults run() {
        if (settings.network() == Network.REAL) {
            systems.forEach(s -> s.zooKeeper().ifPresent(v -> ZooKeeperClassPath.resolve(v, listener::note)));
        }
        Map<String, String> machine = Machine.describe();
        List<TrialResult> trials = new ArrayList<>();
        long total = settings.totalTrials();
        for (int size : settings.sizes()) {
            for (Scenario scenario : settings.scenarios()) {
                for (int trial = 0; trial <= settings.trials(); trial++) {
                    for (BenchSystem system : systems) {
                        TrialResult result = runOne(system, scenario, size, trial);
                        trials.add(result);
                        listener.trialDone(result, trials.size(), total);
                    }
                }
            }
        }
        machine.put("loadAverageAtEnd", Machine.load());
        return new BenchResults(settings, machine, trials, timelines());
    }

    private TrialResult runOne(BenchSystem system, Scenario scenario, int size, int trial) {
        if (settings.network() == Network.SIM) {
            return SimTrial.run(system, scenario, size, trial, settings.seed() + trial);
        }
        Path dir = workDir.resolve(system.label().replace(':', '-') + "-" + scenario.label() + "-" + size + "-" + trial);
        TrialResult result = RealTrial.run(system, scenario, size, trial, dir);
        if (result.ok()) {
            try {
                DirectoryTrees.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the trial directory " + dir, e);
            }
        } else {
            listener.note(system.label() + " " + scenario.label() + " size " + size + " trial " + trial + " failed: "
                    + result.error() + " (peer logs in " + dir + ")");
        }
        return result;
    }

    /**
     * One simulated cold start per quorum system at the smallest size, with the run's seed, whole
     * trace kept: the same core the peers run, drawn as a timeline in the report.
     */
    private Map<String, String> timelines() {
        Map<String, String> timelines = new LinkedHashMap<>();
        int size = settings.sizes().stream().min(Integer::compare).orElse(3);
        for (BenchSystem system : systems) {
            if (system.provider().isEmpty() || size > ReportPage.TIMELINE_MAX_PEERS) {
                continue;
            }
            ElectionProvider provider = system.provider().get();
            SimulationResult result = Simulation.run(provider,
                    SimTrial.options(provider, Scenario.COLD_START, size, settings.seed(), true));
            timelines.put(system.label(), result.traceText());
        }
        return timelines;
    }
}
