package io.quorum.dist.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.PeerAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The srvr exchange over non-blocking sockets, against loopback servers that behave in each way. */
class SrvrClientTest {
    private static final String LEADER_ANSWER = "Zookeeper version: 3.9.5\nZxid: 0x100000000\nMode: leader\n";

    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServerSocket server : servers) {
            server.close();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
        for (Socket socket : held) {
            socket.close();
        }
    }

    private ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        return server;
    }

    /** Accepts one connection, reads the word, writes {@code answer} and closes. */
    private StatusTarget answering(String answer) throws IOException {
        ServerSocket server = listen();
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                byte[] word = socket.getInputStream().readNBytes(4);
                if (new String(word, StandardCharsets.US_ASCII).equals("srvr")) {
                    OutputStream out = socket.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // The test's own close of the server ends an accept that never came.
            }
        });
        thread.start();
        threads.add(thread);
        return target(server.getLocalPort());
    }

    /** Accepts (through the backlog) and never answers. */
    private StatusTarget silent() throws IOException {
        return target(listen().getLocalPort());
    }

    private static StatusTarget refused() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return target(free.getLocalPort());
        }
    }

    private static StatusTarget target(int port) {
        return new StatusTarget(OptionalLong.empty(), new PeerAddress("127.0.0.1", port));
    }

    @Test
    void everyPeerIsAskedAtOnceAndEachProbeKeepsItsPlace() throws IOException {
        StatusTarget leader = answering(LEADER_ANSWER);
        StatusTarget gone = refused();
        StatusTarget looking = answering("This ZooKeeper instance is not currently serving requests\n");

        List<Probe> probes = new SrvrClient(Duration.ofSeconds(5)).askAll(List.of(leader, gone, looking));

        assertThat(probes).extracting(Probe::target).containsExactly(leader, gone, looking);
        assertThat(probes).extracting(Probe::outcome)
                .containsExactly(Probe.Outcome.SERVING, Probe.Outcome.UNREACHABLE, Probe.Outcome.NOT_SERVING);
        assertThat(probes.get(0).answer().orElseThrow().mode()).isEqualTo("leader");
        assertThat(probes.get(1).detail()).isEqualTo("connection refused");
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersIsNoAnswerAfterTheTimeout() throws IOException {
        StatusTarget mute = silent();

        Probe probe = new SrvrClient(Duration.ofMillis(200)).ask(mute);

        assertThat(probe.outcome()).isEqualTo(Probe.Outcome.NO_ANSWER);
        assertThat(probe.detail()).isEqualTo("connected, but no answer within 200 ms");
    }

    @Test
    void aSilentPeerDelaysNoOtherProbe() throws IOException {
        StatusTarget mute = silent();
        StatusTarget leader = answering(LEADER_ANSWER);

        List<Probe> probes = new SrvrClient(Duration.ofMillis(300)).askAll(List.of(mute, leader));

        assertThat(probes).extracting(Probe::outcome).containsExactly(Probe.Outcome.NO_ANSWER, Probe.Outcome.SERVING);
    }

    @Test
    void aPeerThatClosesWithoutAWordIsNoAnswer() throws IOException {
        StatusTarget closing = answering("");

        Probe probe = new SrvrClient(Duration.ofSeconds(5)).ask(closing);

        assertThat(probe.outcome()).isEqualTo(Probe.Outcome.NO_ANSWER);
    }

    @Test
    void anUnknownHostIsUnreachableNamingIt() {
        StatusTarget nowhere = new StatusTarget(OptionalLong.empty(), new PeerAddress("no-such-host.invalid", 2181));

        Probe probe = new SrvrClient(Duration.ofSeconds(1)).ask(nowhere);

        assertThat(probe.outcome()).isEqualTo(Probe.Outcome.UNREACHABLE);
        assertThat(probe.detail()).isEqualTo("unknown host no-such-host.invalid");
    }
}
