package io.quorum.transport.sim;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.view.QuorumView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs one provider's cores for every peer of an ensemble under one seed: a safety phase with the
 * schedule's faults, then a liveness phase on a healed core quorum (TigerBeetle's VOPR). The seed
 * and every knob drawn from it are the first lines of the trace; invariants are checked after
 * every event, and the run stops at the first violation.
 *
 * <p>What runs on a peer besides its election core is a {@link PeerLayer}: by default the
 * election-level {@link StandInSessions}; quorum-peer's peer-level simulation plugs in ZooKeeper's
 * real session cores, which the kernel hosts through {@link SimHost}.
 */
public final class Simulation implements SimState {
    /** How long after the first election a scripted failover crashes its leader: in-flight answers land first. */
    private static final long FAILOVER_DELAY_NANOS = 500_000_000L;

    private final ElectionProvider provider;
    private final SimulationOptions options;
    private final SimClock clock = new SimClock();
    private final EventQueue queue = new EventQueue();
    private final Trace trace;
    private final List<Invariant> invariants = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final StringBuilder header = new StringBuilder();
    private final PeerLayer layer;
    private SplittableRandom livenessRandom;
    private SplittableRandom failoverRandom;
    private SplittableRandom rejoinRandom;
    private ElectionWindows elections;
    private Ensemble ensemble;
    private SimKnobs knobs;
    private SimDriver driver;
    private SimNetwork network;
    private long expectedLeader;
    private boolean failedOver;
    private SimPhase phase = SimPhase.SAFETY;
    private long livenessDeadline = Long.MAX_VALUE;
    private long events;

    private Simulation(ElectionProvider provider, SimulationOptions options) {
        this.provider = provider;
        this.options = options;
        this.trace = new Trace(options.fullTrace(), options.traceTailLines());
        this.layer = options.peerLayer().get();
        invariants.addAll(ElectionInvariants.all());
        invariants.addAll(options.extraInvariants());
    }

    /** Runs one seed to the end and returns what happened. */
    public static SimulationResult run(ElectionProvider provider, SimulationOptions options) {
        Simulation sim = new Simulation(provider, options);
        sim.setUp();
        sim.loop();
        return sim.result();
    }

    /**
     * Splits one stream per subsystem from the seed, in a fixed order, so a new draw in one
     * subsystem never shifts another's. The peer layer's stream is split last, so a layer never
     * shifts the kernel's.
     */
    private void setUp() {
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom knobRandom = root.split();
        SplittableRandom ensembleRandom = root.split();
        SplittableRandom algorithmRandom = root.split();
        SplittableRandom networkRandom = root.split();
        SplittableRandom faultRandom = root.split();
        SplittableRandom coreRandom = root.split();
        SplittableRandom startRandom = root.split();
        livenessRandom = root.split();
        SplittableRandom layerRandom = root.split();
        // After the layer's stream, so that adding the failover shifted no earlier stream.
        failoverRandom = root.split();
        rejoinRandom = root.split();
        int peers = options.ensemble() != null ? options.ensemble().initialVotes().size()
                : options.voters() + options.observers();
        knobs = SimKnobs.draw(knobRandom, options.schedule(), options.safetyPhaseNanos(), peers * (peers - 1));
        boolean hierarchical = knobRandom.nextDouble() < options.hierarchicalProbability();
        Ensemble drawn = options.ensemble() != null ? options.ensemble()
                : Ensemble.random(options.voters(), options.observers(), hierarchical, ensembleRandom);
        ensemble = layer.ensemble(drawn, layerRandom);
        Map<String, String> properties = new TreeMap<>(options.knobSpace().draw(algorithmRandom));
        expectedLeader = options.expectedLeader().leaderOf(ensemble.initialVotes(), ensemble.view());
        elections = new ElectionWindows(clock, trace, () -> network.counters().sent());
        driver = new SimDriver(provider, layer, ensemble, Map.copyOf(properties), coreRandom, clock, queue, trace,
                elections::roundOpened);
        network = new SimNetwork(peers, clock, queue, trace, networkRandom, driver, layer,
                provider.endpoints().contains(Endpoint.ELECTION_TCP), linkModels(peers, networkRandom));
        driver.attach(network);
        layer.attach(new Host(layerRandom));
        invariants.addAll(layer.invariants());
        List<String> plan = new FaultPlan(knobs, faultRandom, queue, driver, network, layer::loseSession,
                () -> phase == SimPhase.SAFETY).schedule();
        writeHeader(properties, plan);
        bootAll(startRandom);
        queue.schedule(knobs.safetyPhaseNanos(), this::beginLiveness);
    }

    private LinkModel[][] linkModels(int peers, SplittableRandom random) {
        LinkModel[][] models = new LinkModel[peers][peers];
        for (int a = 0; a < peers; a++) {
            for (int b = 0; b < peers; b++) {
                models[a][b] = knobs.linkModel(random);
            }
        }
        return models;
    }

    private void writeHeader(Map<String, String> properties, List<String> plan) {
        List<String> lines = new ArrayList<>();
        lines.add("SEED=" + options.seed() + " schedule=" + options.schedule() + " provider=" + provider.name()
                + " voters=" + options.voters() + " observers=" + options.observers());
        lines.addAll(knobs.describe());
        lines.add("knob livenessBoundNanos=" + options.livenessBoundNanos());
        if (options.coldBootSpreadNanos() > 0) {
            lines.add("knob coldBootSpreadNanos=" + options.coldBootSpreadNanos());
        }
        lines.addAll(ensemble.describe());
        lines.addAll(layer.describe());
        properties.forEach((k, v) -> lines.add("property " + k + "=" + v));
        lines.add("expected-leader " + expectedLeader);
        lines.addAll(plan);
        if (options.failover()) {
            lines.add("plan failover " + SimClock.format(FAILOVER_DELAY_NANOS) + " after the first election");
        }
        if (options.rejoin()) {
            lines.add("plan rejoin " + SimClock.format(FAILOVER_DELAY_NANOS) + " after the first election");
        }
        for (String line : lines) {
            header.append(line).append('\n');
            trace.add(0, line);
        }
    }

    private void bootAll(SplittableRandom startRandom) {
        long coldSpread = options.coldBootSpreadNanos();
        for (int i = 0; i < driver.size(); i++) {
            int index = i;
            if (coldSpread > 0) {
                queue.schedule(startRandom.nextLong(coldSpread + 1), () -> {
                    driver.boot(index);
                    driver.start(index);
                });
            } else {
                driver.boot(i);
                queue.schedule(startRandom.nextLong(knobs.startSpreadNanos() + 1), () -> driver.start(index));
            }
        }
    }

    private void loop() {
        while (true) {
            EventQueue.Event next = queue.peek();
            if (phase == SimPhase.LIVENESS && (next == null || next.timeNanos() > livenessDeadline)) {
                clock.advanceTo(Math.max(clock.now(), livenessDeadline));
                checkAtEnd();
                return;
            }
            queue.poll();
            clock.advanceTo(next.timeNanos());
            next.action().run();
            events++;
            int ended = elections.afterEvent(this);
            if (ended == 1 && options.failover()) {
                queue.schedule(clock.now() + FAILOVER_DELAY_NANOS, this::failover);
            }
            if (ended == 1 && options.rejoin()) {
                queue.schedule(clock.now() + FAILOVER_DELAY_NANOS, this::isolateOneFollower);
            }
            if (!checkAfterStep()) {
                return;
            }
            if (phase == SimPhase.LIVENESS) {
                Optional<String> converged = layer.converged(this);
                if (converged.isPresent()) {
                    trace.add(clock.now(), "converged " + converged.get());
                    checkAtEnd();
                    return;
                }
            }
        }
    }

    /** Runs the per-step invariants; returns false (and records why) when the run must stop. */
    private boolean checkAfterStep() {
        for (String breach : driver.drainBreaches()) {
            violate("core-contract", breach);
        }
        if (events > options.maxEvents()) {
            violate("event-budget", "more than " + options.maxEvents() + " events: a core is livelocked");
        }
        for (Invariant invariant : invariants) {
            if (!violations.isEmpty()) {
                break;
            }
            invariant.afterStep(this).ifPresent(message -> violate(invariant.name(), message));
        }
        return violations.isEmpty();
    }

    private void checkAtEnd() {
        for (Invariant invariant : invariants) {
            Optional<String> failure = invariant.atEnd(this);
            failure.ifPresent(message -> violate(invariant.name(), message));
        }
    }

    private void violate(String invariant, String message) {
        trace.add(clock.now(), "VIOLATION " + invariant + ": " + message);
        violations.add(new Violation(options.seed(), invariant, message, clock.now(), trace.tail(options.traceTailLines())));
    }

    /**
     * The scripted failover: the agreed leader crashes and every other peer loses it at a time drawn
     * within the start spread, as followers notice a dead leader one by one. From then on the
     * expected leader is the best of the peers still up; a decision for the crashed leader that a
     * peer has not yet given up is not a breach of it.
     */
    private void failover() {
        OptionalLong leader = ElectionInvariants.agreedLeader(this);
        if (phase != SimPhase.SAFETY || leader.isEmpty()) {
            trace.add(clock.now(), "failover skipped: " + (leader.isEmpty() ? "no agreed leader" : "liveness phase"));
            return;
        }
        List<Vote> survivors = new ArrayList<>();
        List<Long> survivingVoters = new ArrayList<>();
        for (NodeView node : driver.views()) {
            if (node.isUp() && node.sid() != leader.getAsLong()) {
                survivors.add(node.initialVote());
                if (node.learnerType() == LearnerType.PARTICIPANT) {
                    survivingVoters.add(node.sid());
                }
            }
        }
        if (!ensemble.view().verifier().containsQuorum(survivingVoters)) {
            trace.add(clock.now(), "failover skipped: the survivors hold no quorum");
            return;
        }
        expectedLeader = options.expectedLeader().leaderOf(survivors, ensemble.view());
        failedOver = true;
        trace.add(clock.now(), "failover: crash leader n" + leader.getAsLong() + ", expected leader now " + expectedLeader);
        driver.crash((int) leader.getAsLong() - 1);
        for (int i = 0; i < driver.size(); i++) {
            if (driver.node(i).isUp()) {
                int index = i;
                long at = clock.now() + failoverRandom.nextLong(knobs.startSpreadNanos() + 1);
                queue.schedule(at, () -> {
                    if (phase == SimPhase.SAFETY) {
                        layer.loseSession(index);
                    }
                });
            }
        }
    }

    /**
     * The scripted rejoin: a voter other than the agreed leader is cut off from every peer both
     * ways and loses its session at once; the cut heals after 1 to 3 s (if the safety phase still
     * runs; the liveness phase heals it anyway). Only a follower that is a minority is cut off:
     * alone it holds no quorum and the peers left with the leader still do (with weighted groups
     * a single voter can be a quorum, and cutting it off rightly moves the leadership to it).
     */
    private void isolateOneFollower() {
        OptionalLong leader = ElectionInvariants.agreedLeader(this);
        List<Long> upVoters = new ArrayList<>();
        for (NodeView node : driver.views()) {
            if (node.isUp() && node.learnerType() == LearnerType.PARTICIPANT) {
                upVoters.add(node.sid());
            }
        }
        List<Integer> followers = new ArrayList<>();
        for (long sid : upVoters) {
            List<Long> rest = new ArrayList<>(upVoters);
            rest.remove(sid);
            if (leader.isPresent() && sid != leader.getAsLong() && !view().verifier().containsQuorum(List.of(sid))
                    && view().verifier().containsQuorum(rest)) {
                followers.add((int) sid - 1);
            }
        }
        if (phase != SimPhase.SAFETY || followers.isEmpty()) {
            trace.add(clock.now(), "rejoin skipped: " + (phase != SimPhase.SAFETY ? "liveness phase"
                    : "no follower of an agreed leader whose loss leaves a quorum"));
            return;
        }
        int isolated = followers.get(rejoinRandom.nextInt(followers.size()));
        long heal = clock.now() + rejoinRandom.nextLong(1_000_000_000L, 3_000_000_001L);
        trace.add(clock.now(), "rejoin: isolate n" + (isolated + 1) + " until " + SimClock.format(heal));
        cutOff(isolated, true);
        layer.loseSession(isolated);
        queue.schedule(heal, () -> {
            if (phase == SimPhase.SAFETY) {
                trace.add(clock.now(), "rejoin: heal n" + (isolated + 1));
                cutOff(isolated, false);
            }
        });
    }

    private void cutOff(int index, boolean on) {
        for (int other = 0; other < driver.size(); other++) {
            if (other != index) {
                network.block(index, other, on);
                network.block(other, index, on);
            }
        }
    }

    /**
     * The liveness transition: faults stop, the network heals, a random core of voters that
     * forms a quorum is restarted where crashed; peers outside the core stay as they are.
     */
    private void beginLiveness() {
        phase = SimPhase.LIVENESS;
        livenessDeadline = clock.now() + options.livenessBoundNanos();
        trace.add(clock.now(), "phase liveness deadline=" + SimClock.format(livenessDeadline));
        network.heal();
        List<Integer> core = livenessCore();
        trace.add(clock.now(), "liveness core " + core.stream().map(i -> "n" + (i + 1)).toList());
        for (int i : core) {
            if (failedOver && !driver.node(i).isUp()) {
                // Whether the survivors elected before the crashed leader came back decides who
                // leads now; either is right, so no single leader is expected any more.
                expectedLeader = SimState.NO_EXPECTED_LEADER;
            }
            driver.restart(i);
        }
        layer.livenessBegan(core);
    }

    private List<Integer> livenessCore() {
        List<Integer> voters = new ArrayList<>();
        for (int i = 0; i < driver.size(); i++) {
            if (driver.node(i).learnerType() == LearnerType.PARTICIPANT) {
                voters.add(i);
            }
        }
        for (int i = voters.size() - 1; i > 0; i--) {
            int j = livenessRandom.nextInt(i + 1);
            voters.set(i, voters.set(j, voters.get(i)));
        }
        List<Integer> core = new ArrayList<>();
        List<Long> sids = new ArrayList<>();
        for (int i : voters) {
            if (!ensemble.view().verifier().containsQuorum(sids) || livenessRandom.nextBoolean()) {
                core.add(i);
                sids.add(i + 1L);
            }
        }
        core.sort(null);
        return core;
    }

    private SimulationResult result() {
        Map<Long, Decision> decisions = new TreeMap<>();
        for (NodeView node : driver.views()) {
            if (node.isUp() && node.decision() != null) {
                decisions.put(node.sid(), node.decision());
            }
        }
        return new SimulationResult(options.seed(), options.schedule(), header.toString(), trace.hash(),
                trace.lineCount(), violations, decisions, clock.now(), events, network.counters(), elections.ended(),
                trace.text());
    }

    @Override
    public long seed() {
        return options.seed();
    }

    @Override
    public FaultSchedule schedule() {
        return options.schedule();
    }

    @Override
    public SimPhase phase() {
        return phase;
    }

    @Override
    public long now() {
        return clock.now();
    }

    @Override
    public QuorumView view() {
        return ensemble.view();
    }

    @Override
    public List<NodeView> nodes() {
        return driver.views();
    }

    @Override
    public long expectedLeader() {
        return expectedLeader;
    }

    @Override
    public long livenessDeadlineNanos() {
        return livenessDeadline;
    }

    @Override
    public Optional<String> converged() {
        return layer.converged(this);
    }

    @Override
    public String livenessGoal() {
        return layer.livenessGoal();
    }

    @Override
    public String describePeers() {
        return layer.describePeers(this);
    }

    /** The kernel as the peer layer sees it. */
    private final class Host implements SimHost {
        private final SplittableRandom random;

        Host(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public long now() {
            return clock.now();
        }

        @Override
        public void schedule(long timeNanos, Runnable action) {
            queue.schedule(Math.max(clock.now(), timeNanos), action);
        }

        @Override
        public void trace(String line) {
            trace.add(clock.now(), line);
        }

        @Override
        public SplittableRandom random() {
            return random;
        }

        @Override
        public SimKnobs knobs() {
            return knobs;
        }

        @Override
        public Ensemble ensemble() {
            return ensemble;
        }

        @Override
        public SimState state() {
            return Simulation.this;
        }

        @Override
        public void peerState(int index, ServerState state, Vote vote) {
            driver.peerState(index, state, vote);
        }

        @Override
        public void lookAgain(int index, String why) {
            driver.loseLeader(index, why);
        }

        @Override
        public void crash(int index) {
            driver.crash(index);
        }

        @Override
        public void restart(int index) {
            driver.restart(index);
        }

        @Override
        public long connect(int fromIndex, int toIndex) {
            return network.connect(fromIndex, toIndex);
        }

        @Override
        public void write(int index, long connId, byte[] bytes) {
            network.write(index, connId, bytes);
        }

        @Override
        public void close(int index, long connId) {
            network.close(index, connId);
        }
    }
}
