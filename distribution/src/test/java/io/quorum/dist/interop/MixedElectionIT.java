package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.FreePorts;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.ZooKeeperVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.dist.harness.FourLetterWords.Mode;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interop requirement for electionAlg=3: a three-peer ensemble of two real ZooKeeper
 * peers and one election instance of ours (as the lowest, middle and highest sid) agrees on the
 * leader. Every data directory is fresh, so ZooKeeper's order (PROTOCOL.md 3.5) elects sid 3.
 *
 * <p>Only the election runs on our side: we open no Zab quorum port. When a ZooKeeper peer leads,
 * the two ZooKeeper peers form a working quorum and {@code srvr} shows it. When our instance
 * leads, the ZooKeeper peers decide FOLLOWING 3, then fail to connect to its quorum port
 * (PROTOCOL.md 6.3 step 2) and look again; their decision is read through the election port
 * instead, as a non-voter whom a peer answers with its current vote (3.7), with their log as
 * the fallback.
 */
class MixedElectionIT {

    private static final Logger LOG = LoggerFactory.getLogger(MixedElectionIT.class);
    private static final long EXPECTED_LEADER = 3;
    /** A cold ZooKeeper JVM on a loaded two-core machine, plus 3.4.14's 1 s connect retries. */
    private static final Duration DECISION_BOUND = Duration.ofSeconds(30);
    /**
     * How long a FOLLOWING answer is sought from a peer that cannot sync. 3.4.14 keeps trying the
     * leader for about 4 s (5 tries, 1 s apart), 3.9.5 for about 0.5 s (100 ms apart), so a 10 ms
     * poll sees the window; a peer that has not answered FOLLOWING 3 by then is read from its log.
     */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;
    /** Sids outside the view; a new one for every probe so no re-sent stale answer is read (2.5). */
    private static final AtomicLong PROBE_SIDS = new AtomicLong(100);

    @TempDir
    Path dir;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private Election ours;
    private Ensemble zookeepers;

    static Stream<Arguments> cases() {
        return Stream.of(ZooKeeperVersion.values())
                .flatMap(version -> Stream.of(1L, 2L, 3L).map(sid -> Arguments.of(version, sid)));
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (ours != null) {
                ours.shutdown();
            }
            caller.shutdownNow();
            assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (zookeepers != null) {
                zookeepers.close();
            }
        }
    }

    @ParameterizedTest(name = "ZooKeeper {0} peers, our instance as sid {1}")
    @MethodSource("cases")
    void twoZooKeeperPeersAndOurInstanceAgreeOnTheLeader(ZooKeeperVersion version, long ourSid) throws Exception {
        List<PeerAddress> view = FreePorts.peers(3);
        List<PeerAddress> theirs = view.stream().filter(peer -> peer.sid() != ourSid).toList();

        // Whoever is up first with one other peer settles the leader, which is legitimate but
        // would leave nothing to agree on. As sid 3 ours starts first, already looking, and the
        // first ZooKeeper peer up joins it; as sid 1 or 2 it joins the two ZooKeeper peers once
        // they serve under sid 3, and must find that leader through their votes.
        long started;
        Future<Decision> pending;
        long zookeepersLaunched;
        if (ourSid == EXPECTED_LEADER) {
            ours = startOurs(ourSid, view);
            started = System.nanoTime();
            pending = caller.submit(ours::lookForLeader);
            zookeepers = Ensemble.startSome(version, view, theirs, dir);
            zookeepersLaunched = System.nanoTime();
        } else {
            zookeepers = Ensemble.startSome(version, view, theirs, dir);
            zookeepersLaunched = System.nanoTime();
            zookeepers.awaitStableLeader(DECISION_BOUND);
            ours = startOurs(ourSid, view);
            started = System.nanoTime();
            pending = caller.submit(ours::lookForLeader);
        }
        Decision decision = awaitDecision(pending);
        long decided = System.nanoTime();
        LOG.info("ZooKeeper {} + ours as sid {}: our instance decided {} for leader {} {} ms after lookForLeader, "
                        + "{} ms after both ZooKeeper processes were launched",
                version, ourSid, decision.role(), decision.leader(), millis(decided - started),
                millis(decided - zookeepersLaunched));

        assertThat(decision.leader()).as(zookeepers::describe).isEqualTo(EXPECTED_LEADER);
        assertThat(decision.role()).as(zookeepers::describe)
                .isEqualTo(ourSid == EXPECTED_LEADER ? ServerState.LEADING : ServerState.FOLLOWING);

        if (ourSid == EXPECTED_LEADER) {
            for (PeerProcess peer : zookeepers.peers()) {
                String evidence = awaitFollowingOurs(peer, view);
                LOG.info("ZooKeeper {} sid {} decided FOLLOWING {}: {}", version, peer.sid(), EXPECTED_LEADER, evidence);
            }
        } else {
            PeerProcess leader = zookeepers.awaitStableLeader(DECISION_BOUND);
            LOG.info("ZooKeeper {} + ours as sid {}: srvr shows leader sid {} and a follower {} ms after launch",
                    version, ourSid, leader.sid(), millis(System.nanoTime() - zookeepersLaunched));
            assertThat(leader.sid()).as(zookeepers::describe).isEqualTo(EXPECTED_LEADER);
            assertThat(zookeepers.peers())
                    .filteredOn(peer -> peer != leader)
                    .allSatisfy(peer -> assertThat(peer.status().mode()).isEqualTo(Mode.FOLLOWER));
        }
    }

    /** Our FastLeaderElection over real sockets, reached like the peer does: by electionAlg=3. */
    private Election startOurs(long sid, List<PeerAddress> addresses) {
        ElectionProvider provider = ElectionRegistry.fromClassLoader(getClass().getClassLoader()).select("3");
        QuorumView view = QuorumView.majority(addresses.stream()
                .map(peer -> QuorumServer.participant(peer.sid(),
                        new io.quorum.api.view.PeerAddress(PeerAddress.HOST, peer.quorumPort()),
                        new io.quorum.api.view.PeerAddress(PeerAddress.HOST, peer.electionPort())))
                .toList());
        // Fresh history, as in ZooKeeper's fresh data directories: zxid 0, epoch 0 (3.1).
        Vote history = Vote.initial(sid, 0, 0);
        PeerElectionContext context = new PeerElectionContext(sid, view, () -> history, Map.of());
        // The same connect and handshake bounds as the ZooKeeper peers' zoo.cfg (cnxTimeout,
        // tickTime*syncLimit), rather than the 5 s / 10 s defaults.
        ConnectionManagerConfig config = ConnectionManagerConfig.defaults(sid, view)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        return ElectionRuntime.startTcp(provider, context, config);
    }

    private Decision awaitDecision(Future<Decision> pending) throws Exception {
        try {
            return pending.get(DECISION_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our instance did not decide within " + DECISION_BOUND + "\n"
                    + zookeepers.describe(), e);
        }
    }

    /**
     * Waits until {@code peer} shows that it decided FOLLOWING our sid 3. Returns which evidence
     * showed it: the election-port answer, or, should every probe land while the peer is between
     * a failed sync and its next round, the decision in its log.
     */
    private static String awaitFollowingOurs(PeerProcess peer, List<PeerAddress> view) {
        long started = System.nanoTime();
        try {
            RawNotification vote = await().atMost(PROBE_BOUND)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> probe(peer), answer -> answer.filter(MixedElectionIT::followsExpectedLeader).isPresent())
                    .orElseThrow();
            return "election-port probe answered " + vote + " after " + millis(System.nanoTime() - started) + " ms";
        } catch (ConditionTimeoutException e) {
            PeerAddress leader = view.get((int) EXPECTED_LEADER - 1);
            assertThat(decidedFollowingInLog(peer.logText(), leader))
                    .as("no FOLLOWING %d from %s, neither by probe nor in its log\n%s", EXPECTED_LEADER, peer,
                            peer.logTail())
                    .isTrue();
            return "log (fallback): it logged its FOLLOWING decision and then connected to sid "
                    + EXPECTED_LEADER + "'s quorum port " + leader.quorumPort();
        }
    }

    private static boolean followsExpectedLeader(RawNotification vote) {
        return vote.state() == RawNotification.FOLLOWING && vote.leader() == EXPECTED_LEADER;
    }

    /** One question as a never-used non-voter sid; an unreachable or silent peer is no answer. */
    private static Optional<RawNotification> probe(PeerProcess peer) {
        long sid = PROBE_SIDS.getAndIncrement();
        try {
            return Optional.of(ElectionPortProbe.ask(peer.address().electionPort(), sid,
                    RawNotification.looking40(sid, 1), PROBE_TIMEOUT_MILLIS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Both versions log "FOLLOWING - LEADER ELECTION TOOK" when they decide to follow, and a
     * follower's only connection to a quorum port is the one to its leader (6.3 step 2).
     */
    static boolean decidedFollowingInLog(String log, PeerAddress leader) {
        int decided = log.indexOf("FOLLOWING - LEADER ELECTION TOOK");
        return decided >= 0 && Pattern.compile(Pattern.quote(PeerAddress.HOST) + ":" + leader.quorumPort() + "\\b")
                .matcher(log.substring(decided)).find();
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
