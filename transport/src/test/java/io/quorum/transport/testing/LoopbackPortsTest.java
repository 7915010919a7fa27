package io.quorum.transport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
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
}
