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
 */
public final class Simulation implements SimState {
    /** How often the liveness phase's stand-in for ZooKeeper's session layer looks at the peers. */
    private static final long SESSION_CHECK_NANOS = 1_000_000_000L;
    private static final int FOLLOWER_STRIKES = 2;
    private static final int LEADER_STRIKES = 5;
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
    private SplittableRandom livenessRandom;
    private SplittableRandom failoverRandom;
    private ElectionWindows elections;
    private Ensemble ensemble;
    private SimKnobs knobs;
    private SimDriver driver;
    private SimNetwork network;
    private long expectedLeader;
    private boolean failedOver;
    private SimPhase phase = SimPhase.SAFETY;
    private long livenessDeadline = Long.MAX_VALUE;
    private int[] sessionStrikes;
    private long events;

    private Simulation(ElectionProvider provider, SimulationOptions options) {
        this.provider = provider;
        this.options = options;
        this.trace = new Trace(options.fullTrace(), options.traceTailLines());
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
     * subsystem never shifts another's.
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
        failoverRandom = root.split();
        int peers = options.ensemble() != null ? options.ensemble().initialVotes().size()
                : options.voters() + options.observers();
        knobs = SimKnobs.draw(knobRandom, options.schedule(), options.safetyPhaseNanos(), peers * (peers - 1));
        boolean hierarchical = knobRandom.nextDouble() < options.hierarchicalProbability();
        ensemble = options.ensemble() != null ? options.ensemble()
                : Ensemble.random(options.voters(), options.observers(), hierarchical, ensembleRandom);
        Map<String, String> properties = new TreeMap<>(options.knobSpace().draw(algorithmRandom));
        expectedLeader = options.expectedLeader().leaderOf(ensemble.initialVotes(), ensemble.view());
        elections = new ElectionWindows(clock, trace, () -> network.counters().sent());
        driver = new SimDriver(provider, ensemble, Map.copyOf(properties), coreRandom, clock, queue, trace,
                elections::roundOpened);
        network = new SimNetwork(peers, clock, queue, trace, networkRandom, driver,
                provider.endpoints().contains(Endpoint.ELECTION_TCP), linkModels(peers, networkRandom));
        driver.attach(network);
        sessionStrikes = new int[peers];
        List<String> plan = new FaultPlan(knobs, faultRandom, queue, driver, network,
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
        lines.addAll(ensemble.describe());
        properties.forEach((k, v) -> lines.add("property " + k + "=" + v));
        lines.add("expected-leader " + expectedLeader);
        lines.addAll(plan);
        if (options.failover()) {
            lines.add("plan failover " + SimClock.format(FAILOVER_DELAY_NANOS) + " after the first election");
        }
        for (String line : lines) {
            header.append(line).append('\n');
            trace.add(0, line);
        }
    }

    private void bootAll(SplittableRandom startRandom) {
        for (int i = 0; i < driver.size(); i++) {
            driver.boot(i);
            int index = i;
            queue.schedule(startRandom.nextLong(knobs.startSpreadNanos() + 1), () -> driver.start(index));
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
            if (elections.afterEvent(this) == 1 && options.failover()) {
                queue.schedule(clock.now() + FAILOVER_DELAY_NANOS, this::failover);
            }
            if (!checkAfterStep()) {
                return;
            }
            if (phase == SimPhase.LIVENESS && ElectionInvariants.agreedLeader(this).isPresent()) {
                trace.add(clock.now(), "converged leader=" + ElectionInvariants.agreedLeader(this).getAsLong());
                checkAtEnd();
                return;
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
                        driver.loseLeader(index);
                    }
                });
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
        queue.schedule(clock.now() + SESSION_CHECK_NANOS, this::checkSessions);
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

    /**
     * A stand-in for ZooKeeper's session layer in the liveness phase: a follower whose leader is
     * down or not leading, or a leader without a quorum of followers, gives up after a few checks in
     * a row and looks again, as a learner's sync timeout and a leader's quorum check would make it.
     */
    private void checkSessions() {
        for (int i = 0; i < driver.size(); i++) {
            SimNode node = driver.node(i);
            boolean healthy = !node.isUp() || node.decision() == null || sessionHealthy(node);
            sessionStrikes[i] = healthy ? 0 : sessionStrikes[i] + 1;
            if (!healthy && sessionStrikes[i] >= strikesAllowed(node)) {
                sessionStrikes[i] = 0;
                driver.loseLeader(i);
            }
        }
        queue.schedule(clock.now() + SESSION_CHECK_NANOS, this::checkSessions);
    }

    /**
     * A follower gives up after two silent checks (syncLimit); a leader waits for its quorum the way
     * ZooKeeper's leader waits initLimit ticks (here 5 s) before it gives up and looks again.
     */
    private static int strikesAllowed(SimNode node) {
        return node.decision().role() == ServerState.LEADING ? LEADER_STRIKES : FOLLOWER_STRIKES;
    }

    private boolean sessionHealthy(SimNode node) {
        long leader = node.decision().leader();
        if (node.decision().role() != ServerState.LEADING) {
            if (leader < 1 || leader > driver.size()) {
                return false;
            }
            Decision of = driver.node((int) leader - 1).decision();
            return driver.node((int) leader - 1).isUp() && of != null && of.role() == ServerState.LEADING;
        }
        List<Long> supporters = new ArrayList<>();
        for (NodeView other : driver.views()) {
            Decision d = other.decision();
            if (other.isUp() && d != null && d.leader() == leader) {
                supporters.add(other.sid());
            }
        }
        return ensemble.view().verifier().containsQuorum(supporters);
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
}
