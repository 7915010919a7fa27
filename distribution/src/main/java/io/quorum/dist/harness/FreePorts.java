package io.quorum.dist.harness;

import io.quorum.transport.testing.LoopbackPorts;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports for the peers of a harness ensemble, from {@link LoopbackPorts#forServers}: free for TCP
 * and UDP, and outside the kernel's ephemeral range, so that no outgoing connection takes one
 * while a killed peer waits for its restart or before a new leader binds its quorum port.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** Addresses for sids 1..count, all on fresh ports. */
    public static List<PeerAddress> peers(int count) {
        List<Integer> ports = LoopbackPorts.forServers(3 * count);
        List<PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new PeerAddress(i + 1, ports.get(3 * i), ports.get(3 * i + 1), ports.get(3 * i + 2)));
        }
        return peers;
    }
}
