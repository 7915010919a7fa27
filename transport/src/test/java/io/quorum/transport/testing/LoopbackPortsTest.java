package io.quorum.transport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.support.PortRange;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    /**
     * Choosing ports one bind-and-close at a time repeated a port in about one draw of 14 in fifty
     * on the build machine, so 500 draws without a repeat are the fix, not luck.
     */
    @Test
    void everyDrawHasDistinctPorts() {
        for (int draw = 0; draw < 500; draw++) {
            List<Integer> ports = LoopbackPorts.distinct(14);

            assertThat(new HashSet<>(ports)).as("draw " + draw + ": " + ports).hasSize(14);
        }
    }

    @Test
    void thePortsAreFreeAgainForTheCaller() throws IOException {
        for (int port : LoopbackPorts.distinct(3)) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    /**
     * A port inside the ephemeral range can become the local port of anyone's outgoing connection
     * before a peer binds it (a new leader's quorum port, a killed peer's client port).
     */
    @Test
    void serverPortsLieOutsideTheKernelsEphemeralRange() {
        PortRange ephemeral = PortRange.ephemeral();
        assertThat(LoopbackPorts.serverRange()).as("this machine has room outside " + ephemeral).isPresent();

        for (int draw = 0; draw < 50; draw++) {
            List<Integer> ports = LoopbackPorts.forServers(15);

            assertThat(new HashSet<>(ports)).as("draw " + draw + ": " + ports).hasSize(15);
            assertThat(ports).noneMatch(ephemeral::contains).allMatch(LoopbackPorts.serverRange().get()::contains);
        }
    }

    /** A test gets fresh ports, not the ones the previous test's peers were just using. */
    @Test
    void successiveCallsDoNotHandOutTheSamePortAgain() {
        Set<Integer> seen = new HashSet<>();
        for (int draw = 0; draw < 100; draw++) {
            for (int port : LoopbackPorts.forServers(9)) {
                assertThat(seen.add(port)).as("port " + port + " again in draw " + draw).isTrue();
            }
        }
    }

    @Test
    void serverPortsAreFreeForTcpAndUdp() throws IOException {
        for (int port : LoopbackPorts.forServers(3)) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                assertThat(tcp.getLocalPort()).isEqualTo(port);
                assertThat(udp.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theServerRangeIsTheLargerStretchOutsideTheEphemeralOne() {
        assertThat(LoopbackPorts.serverRange(new PortRange(32_768, 60_999))).isEqualTo(new PortRange(16_384, 32_767));
        assertThat(LoopbackPorts.serverRange(new PortRange(49_152, 65_535))).isEqualTo(new PortRange(16_384, 49_151));
        assertThat(LoopbackPorts.serverRange(new PortRange(10_000, 30_000))).isEqualTo(new PortRange(30_001, 65_535));
        assertThat(LoopbackPorts.serverRange(new PortRange(1_024, 65_000))).isNull();
    }
}
