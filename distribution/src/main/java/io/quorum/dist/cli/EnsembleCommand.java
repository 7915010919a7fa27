package io.quorum.dist.cli;

import io.quorum.dist.cds.ClassDataArchive;
import io.quorum.dist.ensemble.ChildPeer;
import io.quorum.dist.ensemble.EnsembleLayout;
import io.quorum.dist.ensemble.EnsembleTls;
import io.quorum.dist.ensemble.EnsembleTracker;
import io.quorum.dist.ensemble.EnsembleView;
import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrClient;
import io.quorum.dist.status.StatusTarget;
import io.quorum.api.view.PeerAddress;
import io.quorum.transport.support.PortRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum ensemble}: a local ensemble of real peer processes, watched live. */
@Command(
        name = "ensemble",
        mixinStandardHelpOptions = true,
        description = {
            "Runs N real peer processes on 127.0.0.1 and shows their roles live, from each peer's srvr answer.",
            "Peer i has client port P+i, quorum port P+100+i and election port P+200+i; its zoo.cfg and myid",
            "are written under the data directory. Ctrl-C, or the end of --duration, stops every peer and",
            "prints the elections seen and how long each took."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the ensemble ran and was stopped", "1:a peer could not be started",
            "2:bad options, or a port of the layout is in use"})
final class EnsembleCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 50;
    private static final Duration SRVR_TIMEOUT = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "3", paramLabel = "N", description = "voting peers (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--observers", defaultValue = "0", paramLabel = "K",
            description = "observers, sids N+1..N+K (default: ${DEFAULT-VALUE})")
    int observers;

    @Option(names = "--election-alg", defaultValue = "3", paramLabel = "A",
            description = "electionAlg for every peer: a number or an algorithm's name (default: ${DEFAULT-VALUE})")
    String electionAlg;

    @Option(names = "--base-port", defaultValue = "" + EnsembleLayout.DEFAULT_BASE_PORT, paramLabel = "P",
            description = "ports are P+i, P+100+i and P+200+i (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--data-dir", paramLabel = "D", description = "where the peers' files go (default: a new temporary directory)")
    Path dataDir;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: run until Ctrl-C)")
    Long duration;

    @Option(names = "--tls", description = "run the election and quorum ports over mutual TLS, with a throw-away CA "
            + "and peer certificates made under the data directory (electionAlg 3 or another TCP algorithm)")
    boolean tls;

    @Option(names = "--kill-leader-every", paramLabel = "SECONDS",
            description = "kill -9 the leader this often; it is restarted once a new leader is serving")
    Long killLeaderEvery;

    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        EnsembleLayout layout = layout();
        PrintWriter out = spec.commandLine().getOut();
        List<Integer> busy = layout.portsInUse();
        if (!busy.isEmpty()) {
            spec.commandLine().getErr().println("quorum ensemble: port(s) " + busy + " on " + EnsembleLayout.HOST
                    + " are in use; choose another --base-port");
            return 2;
        }
        layout.ephemeralRangeWarning(PortRange.ephemeral())
                .ifPresent(warning -> spec.commandLine().getErr().println("quorum ensemble: warning: " + warning));
        layout.write();
        if (tls) {
            EnsembleTls.secure(layout);
        }
        out.printf("quorum ensemble: %d peers%s, electionAlg=%s%s, ports %d+i/%d+i/%d+i, files in %s%n", size,
                observers > 0 ? " and " + observers + " observers" : "", electionAlg,
                tls ? ", TLS (certificates in " + EnsembleTls.directory(layout) + ")" : "", basePort, basePort + 100,
                basePort + 200, layout.dataDir());
        out.flush();
        ClassDataArchive.prepare(spec.commandLine().getErr());
        List<ChildPeer> peers = new ArrayList<>();
        for (int sid = 1; sid <= layout.peers(); sid++) {
            peers.add(new ChildPeer(sid, layout));
        }
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quorum-ensemble-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        EnsembleTracker tracker = new EnsembleTracker(System.nanoTime());
        try {
            for (ChildPeer peer : peers) {
                peer.start();
            }
            watch(layout, peers, tracker, out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("quorum ensemble: cannot start a peer: " + e.getMessage());
            return 1;
        } finally {
            stopAll(peers);
            summary(tracker, out);
            if (!stopRequested) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    private EnsembleLayout layout() throws IOException {
        try {
            if (duration != null && duration < 1) {
                throw new IllegalArgumentException("--duration must be at least 1 second, not " + duration);
            }
            if (killLeaderEvery != null && killLeaderEvery < 1) {
                throw new IllegalArgumentException("--kill-leader-every must be at least 1 second, not "
                        + killLeaderEvery);
            }
            Path dir = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("quorum-ensemble-");
            return new EnsembleLayout(size, observers, electionAlg, basePort, dir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void watch(EnsembleLayout layout, List<ChildPeer> peers, EnsembleTracker tracker, PrintWriter out)
            throws IOException, InterruptedException {
        SrvrClient srvr = new SrvrClient(SRVR_TIMEOUT);
        Terminal terminal = new Terminal(out, System.console() != null);
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(duration);
        long nextKill = killLeaderEvery == null ? Long.MAX_VALUE : started + TimeUnit.SECONDS.toNanos(killLeaderEvery);
        Optional<ChildPeer> killed = Optional.empty();
        while (!stopRequested && System.nanoTime() - deadline < 0) {
            Set<Integer> alive = new TreeSet<>();
            Map<Integer, Probe> probes = new TreeMap<>();
            for (ChildPeer peer : peers) {
                if (peer.isAlive()) {
                    alive.add(peer.sid());
                    PeerAddress client = new PeerAddress(EnsembleLayout.HOST, layout.clientPort(peer.sid()));
                    probes.put(peer.sid(), srvr.ask(new StatusTarget(OptionalLong.of(peer.sid()), client)));
                }
            }
            long now = System.nanoTime();
            Optional<EnsembleTracker.Election> election = tracker.observe(now, probes, alive);
            terminal.show(EnsembleView.rows(layout.peers(), probes, alive));
            if (election.isPresent()) {
                EnsembleTracker.Election e = election.get();
                terminal.event(String.format("election %d: leader %d%s after %d ms", e.number(), e.leader(),
                        e.epoch().isPresent() ? " in epoch " + e.epoch().getAsLong() : "", e.took().toMillis()));
                if (killed.isPresent()) {
                    killed.get().start();
                    terminal.event("restarted peer " + killed.get().sid());
                    killed = Optional.empty();
                }
            }
            if (now - nextKill >= 0 && tracker.isStable() && killed.isEmpty()) {
                ChildPeer leader = peers.get((int) tracker.stableLeader().getAsLong() - 1);
                leader.kill();
                tracker.disrupted(System.nanoTime());
                terminal.event("killed the leader, peer " + leader.sid() + " (kill -9)");
                killed = Optional.of(leader);
                nextKill = System.nanoTime() + TimeUnit.SECONDS.toNanos(killLeaderEvery);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private static void stopAll(List<ChildPeer> peers) throws InterruptedException {
        for (ChildPeer peer : peers) {
            peer.stop();
        }
    }

    private static void summary(EnsembleTracker tracker, PrintWriter out) {
        List<EnsembleTracker.Election> elections = tracker.elections();
        out.printf("elections seen: %d%n", elections.size());
        for (EnsembleTracker.Election e : elections) {
            out.printf("  %d: leader %d%s, %d ms%n", e.number(), e.leader(),
                    e.epoch().isPresent() ? ", epoch " + e.epoch().getAsLong() : "", e.took().toMillis());
        }
        out.flush();
    }

    /**
     * Redraws the table in place on a terminal (ANSI cursor movement), or prints it only when it
     * changed otherwise, so that a log of the run stays readable. Events go above the table.
     */
    private static final class Terminal {
        private final PrintWriter out;
        private final boolean inPlace;
        private List<String> shown = List.of();

        Terminal(PrintWriter out, boolean inPlace) {
            this.out = out;
            this.inPlace = inPlace;
        }

        void show(List<String> rows) {
            if (rows.equals(shown)) {
                return;
            }
            if (inPlace) {
                erase();
            }
            rows.forEach(out::println);
            if (!inPlace) {
                out.println();
            }
            out.flush();
            shown = rows;
        }

        void event(String line) {
            if (inPlace) {
                erase();
            }
            out.println(line);
            if (inPlace) {
                shown.forEach(out::println);
            }
            out.flush();
        }

        private void erase() {
            for (int i = 0; i < shown.size(); i++) {
                out.print("\u001b[1A\u001b[2K");
            }
        }
    }
}
