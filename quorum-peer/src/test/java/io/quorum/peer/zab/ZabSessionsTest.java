package io.quorum.peer.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.FileEpochStore;
import io.quorum.peer.persist.FileTxnLog;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.session.LearnerInfo;
import io.quorum.peer.session.PacketType;
import io.quorum.peer.session.QuorumPacket;
import io.quorum.peer.session.QuorumPacketCodec;
import io.quorum.peer.session.SessionTimings;
import io.quorum.transport.testing.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zab session drivers on loopback sockets with real epoch files and logs. */
class ZabSessionsTest {
    private static final SessionTimings TIMINGS = SessionTimings.ofMillis(100, 10, 5);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<FileTxnLog> logs = new ArrayList<>();
    private final List<ZabSessions> sessions = new ArrayList<>();
    private final Map<Long, Long> established = new ConcurrentHashMap<>();
    private QuorumView view;

    @BeforeEach
    void view() throws IOException {
        List<Integer> ports = LoopbackPorts.forServers(6);
        List<QuorumServer> servers = new ArrayList<>();
        for (int sid = 1; sid <= 3; sid++) {
            servers.add(QuorumServer.participant(sid, new PeerAddress("127.0.0.1", ports.get(2 * sid - 2)),
                    new PeerAddress("127.0.0.1", ports.get(2 * sid - 1))));
        }
        view = QuorumView.majority(servers);
    }

    @AfterEach
    void stop() throws Exception {
        sessions.forEach(ZabSessions::close);
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        for (FileTxnLog log : logs) {
            log.close();
        }
    }

    @Test
    void aLeaderAndTwoFollowersEstablishANewEpochDurably() throws Exception {
        PeerHistory leaderHistory = history(3);
        PeerHistory followerHistory = history(1);
        Future<String> leading = lead(3, leaderHistory);
        Future<String> following = learn(1, followerHistory);
        learn(2, history(2));

        await().atMost(WAIT).until(() -> established.size() == 3);
        assertThat(established).containsEntry(1L, 1L).containsEntry(2L, 1L).containsEntry(3L, 1L);
        assertThat(followerHistory.currentEpoch()).isEqualTo(1);
        assertThat(followerHistory.acceptedEpoch()).isEqualTo(1);
        assertThat(leaderHistory.lastLoggedZxid()).isEqualTo(1L << 32);

        sessions.get(1).abort();
        assertThat(following.get(5, TimeUnit.SECONDS)).isEqualTo("aborted");
        assertThat(leading.isDone()).isFalse();
    }

    @Test
    void aLeaderWhoseLearnersLeaveLosesItsQuorumWithinSyncLimit() throws Exception {
        Future<String> leading = lead(3, history(3));
        learn(1, history(1));
        await().atMost(WAIT).until(() -> established.size() == 2);

        sessions.get(1).abort();

        assertThat(leading.get(10, TimeUnit.SECONDS)).contains("quorum");
    }

    @Test
    void garbageOnTheQuorumPortClosesThatConnectionOnly() throws Exception {
        Future<String> leading = lead(3, history(3));
        learn(1, history(1));
        await().atMost(WAIT).until(() -> established.size() == 2);

        try (Socket garbage = new Socket()) {
            garbage.connect(new InetSocketAddress("127.0.0.1", view.server(3).orElseThrow().quorumAddress().port()));
            garbage.getOutputStream().write(new byte[] {0x7f, -1, -1, -1, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, -1});
            garbage.setSoTimeout(10_000);
            InputStream in = garbage.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(leading.isDone()).isFalse();
    }

    @Test
    void aLearnerAnnouncingAMembersSidFromAnotherAddressIsClosedAndNeverCounts() throws Exception {
        Future<String> leading = lead(3, history(3));
        int port = view.server(3).orElseThrow().quorumAddress().port();
        byte[] followerInfo = QuorumPacketCodec.encode(QuorumPacket.of(PacketType.FOLLOWERINFO, 0,
                LearnerInfo.v34(1).encode()));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (Socket impostor = new Socket()) {
                impostor.bind(new InetSocketAddress("127.0.0.2", 0));
                impostor.connect(new InetSocketAddress("127.0.0.1", port));
                impostor.getOutputStream().write(followerInfo);
                impostor.setSoTimeout(10_000);
                assertThat(impostor.getInputStream().read()).as("closed at once, no LEADERINFO").isEqualTo(-1);
            }
        });
        assertThat(established).isEmpty();

        learn(1, history(1));
        await().atMost(WAIT).until(() -> established.size() == 2);
        assertThat(leading.isDone()).isFalse();
    }

    @Test
    void aFloodOfSilentConnectionsCannotKeepALearnerOut() throws Exception {
        Future<String> leading = lead(3, history(3));
        List<Socket> flood = new ArrayList<>();
        try {
            int port = view.server(3).orElseThrow().quorumAddress().port();
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                Socket probe = new Socket("127.0.0.1", port);
                flood.add(probe);
                return true;
            });
            for (int i = 0; i < 20; i++) {
                flood.add(new Socket("127.0.0.1", port));
            }
            Socket first = flood.get(0);
            first.setSoTimeout(10_000);
            assertThat(first.getInputStream().read()).as("the oldest silent connection is evicted").isEqualTo(-1);
            learn(1, history(1));
            await().atMost(WAIT).until(() -> established.size() == 2);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        assertThat(leading.isDone()).isFalse();
    }

    @Test
    void aLearnerWithoutALeaderGivesUpAfterInitLimit() throws Exception {
        Future<String> learning = learn(1, history(1));
        assertThat(learning.get(10, TimeUnit.SECONDS)).startsWith("could not connect to leader 3");
    }

    @Test
    void aLearnerWhoseLeaderRefusesEveryConnectionGivesUpBeforeInitLimit() throws Exception {
        // initLimit is 100 s; nothing listens on 3's quorum port, so every attempt is refused.
        ZabSessions patient = new ZabSessions(1, view, address(1), SessionTimings.ofMillis(10_000, 10, 5));
        sessions.add(patient);
        Future<String> learning = threads.submit(() -> patient.learn(view.server(3).orElseThrow(),
                LearnerType.PARTICIPANT, history(1), epoch -> { }));

        assertThat(learning.get(20, TimeUnit.SECONDS)).startsWith("could not connect to leader 3")
                .endsWith("it refuses connections, so it is not leading");
    }

    @Test
    void abortEndsALearnerWaitingForASilentLeaderPromptly() throws Exception {
        ZabSessions patient = new ZabSessions(1, view, address(1), SessionTimings.ofMillis(10_000, 10, 5));
        sessions.add(patient);
        try (ServerSocket silentLeader = new ServerSocket()) {
            silentLeader.bind(address(3));
            Future<String> learning = threads.submit(() -> patient.learn(view.server(3).orElseThrow(),
                    LearnerType.PARTICIPANT, history(1), epoch -> { }));
            try (Socket accepted = silentLeader.accept()) {
                patient.abort();
                assertThat(learning.get(5, TimeUnit.SECONDS)).isEqualTo("aborted");
            }
        }
    }

    private Future<String> lead(long sid, PeerHistory history) {
        ZabSessions zab = sessions(sid);
        return threads.submit(() -> zab.lead(history, epoch -> established.put(sid, epoch)));
    }

    private Future<String> learn(long sid, PeerHistory history) {
        ZabSessions zab = sessions(sid);
        return threads.submit(() -> zab.learn(view.server(3).orElseThrow(), LearnerType.PARTICIPANT, history,
                epoch -> established.put(sid, epoch)));
    }

    private ZabSessions sessions(long sid) {
        ZabSessions zab = new ZabSessions(sid, view, address(sid), TIMINGS);
        sessions.add(zab);
        return zab;
    }

    private InetSocketAddress address(long sid) {
        PeerAddress quorum = view.server(sid).orElseThrow().quorumAddress();
        return new InetSocketAddress(quorum.host(), quorum.port());
    }

    private PeerHistory history(long sid) throws IOException {
        Path dataDir = Files.createDirectories(root.resolve("peer" + sid));
        FileEpochStore epochs = FileEpochStore.open(dataDir);
        FileTxnLog log = FileTxnLog.open(dataDir);
        logs.add(log);
        return new PeerHistory(epochs, log, DataDirRecovery.recover(epochs, log));
    }

}
