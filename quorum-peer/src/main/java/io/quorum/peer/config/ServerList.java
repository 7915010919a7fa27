package io.quorum.peer.config;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code server.N} entries checked as a whole: one line per id, no address used twice, and an
 * election port on every line unless the algorithm needs none. Two peers sharing a port would
 * only show up at run time as one of them failing to bind, far from the line at fault.
 */
final class ServerList {
    private final Map<Long, String> keyOfId = new HashMap<>();
    private final Map<String, String> ownerOfAddress = new HashMap<>();
    private final List<QuorumServer> servers = new ArrayList<>();
    private final boolean electionPortRequired;

    private ServerList(boolean electionPortRequired) {
        this.electionPortRequired = electionPortRequired;
    }

    /**
     * @param entries the {@code server.*} entries, key to value, in file order
     * @param electionPortRequired false only for algorithms that elect over the quorum port
     */
    static List<QuorumServer> parse(Map<String, String> entries, boolean electionPortRequired) throws ConfigException {
        ServerList list = new ServerList(electionPortRequired);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            list.add(entry.getKey(), ServerLine.parse(entry.getKey(), entry.getValue()));
        }
        return List.copyOf(list.servers);
    }

    private void add(String key, QuorumServer server) throws ConfigException {
        // server.1 and server.01 are different keys for the same id.
        String previous = keyOfId.putIfAbsent(server.id(), key);
        if (previous != null) {
            throw new ConfigException(key + " repeats server id " + server.id() + " of " + previous);
        }
        if (electionPortRequired && server.electionAddress().isEmpty()) {
            throw new ConfigException("Missing election port for server: " + server.id()
                    + " (" + key + " has only host:quorumPort, which only electionAlg=0 accepts)");
        }
        claim(server.quorumAddress(), key + " quorum address");
        if (server.electionAddress().isPresent()) {
            claim(server.electionAddress().get(), key + " election address");
        }
        servers.add(server);
    }

    private void claim(PeerAddress address, String use) throws ConfigException {
        // Host names are case-insensitive; different names for one host cannot be told apart without DNS.
        String normalized = address.host().toLowerCase(Locale.ROOT) + "|" + address.port();
        String owner = ownerOfAddress.putIfAbsent(normalized, use);
        if (owner != null) {
            throw new ConfigException(use + " " + address + " is already the " + owner);
        }
    }
}
