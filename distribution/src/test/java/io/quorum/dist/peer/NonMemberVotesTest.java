package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.ServerState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CVE-2018-8012: connections from outside the configuration never influence a vote. Peer 1 of a
 * three-server ensemble is alone; one stranger announces sid 99, another announces member sid 3
 * from 127.0.0.2 (sid 3's server line says 127.0.0.1), and both keep sending notifications that
 * make their sender leader with the largest zxid and epoch. Had peer 1 counted either, it and
 * "sid 3" would be a quorum of three and it would follow. It keeps looking, and when the real
 * peer 2 arrives the two elect 2, under the same barrage.
 */
class NonMemberVotesTest {
    private static final int LOOKING = 0;
    private static final int LEADING = 2;

    @TempDir
    Path root;

    private LocalEnsemble ensemble;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final List<Thread> attackers = new java.util.ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        stop.countDown();
        for (Thread attacker : attackers) {
            attacker.join(10_000);
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void strangersAndImpostorsNeverSwayTheElection() throws Exception {
        ensemble = new LocalEnsemble(root, 3, Map.of());
        ensemble.start(1);
        attack("127.0.0.1", 99, ensemble.electionPort(1));
        attack("127.0.0.2", 3, ensemble.electionPort(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > 50);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> ensemble.get(1).peer().status().state() == ServerState.LOOKING);

        ensemble.start(2);
        attack("127.0.0.2", 3, ensemble.electionPort(2));
        assertThat(ensemble.awaitLeader(1, List.of(1L, 2L))).isEqualTo(2);
        long before = sent.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > before + 50);
        assertThat(ensemble.get(1).peer().status().leaderId()).hasValue(2L);
        assertThat(ensemble.get(2).peer().status().state()).isEqualTo(ServerState.LEADING);
    }

    /** Connects from {@code from} as {@code sid} and sends "I lead" notifications until stopped. */
    private void attack(String from, long sid, int electionPort) {
        Thread attacker = new Thread(() -> {
            while (stop.getCount() > 0) {
                try (Socket socket = new Socket()) {
                    socket.bind(new InetSocketAddress(from, 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", electionPort), 2_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(ByteBuffer.allocate(8).putLong(sid).array());
                    for (int round = 1; stop.getCount() > 0; round++) {
                        out.write(frame(notification(round % 2 == 0 ? LEADING : LOOKING, sid, round)));
                        out.flush();
                        sent.incrementAndGet();
                        stop.await(20, TimeUnit.MILLISECONDS);
                    }
                } catch (IOException closedOrRefused) {
                    // The peer closed on us (as it should for the impostor): try again.
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    stop.await(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "attacker-" + from + "-sid-" + sid);
        attacker.start();
        attackers.add(attacker);
    }

    /** A 40-byte notification (PROTOCOL.md 3.1) naming {@code leader} with the largest history. */
    private static byte[] notification(int state, long leader, long round) {
        return ByteBuffer.allocate(40).putInt(state).putLong(leader).putLong(Long.MAX_VALUE >> 1)
                .putLong(round).putLong(Integer.MAX_VALUE).putInt(1).array();
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }
}
