package io.quorum.dist.ensemble;

import io.quorum.transport.support.PortRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files and ports of a local ensemble: peer i (1-based) has client port P+i, quorum port
 * P+100+i and election port P+200+i, and its zoo.cfg and myid under {@code <dataDir>/peer-i}.
 * The first {@code size} peers vote; the next {@code observers} observe.
 */
public record EnsembleLayout(int size, int observers, String electionAlg, int basePort, Path dataDir) {
    public static final int DEFAULT_BASE_PORT = 21800;
    public static final String HOST = "127.0.0.1";
    /** Keeps the ports of peer i from running into those of the next group (P+100+i). */
    public static final int MAX_PEERS = 99;

    public EnsembleLayout {
        if (size < 1) {
            throw new IllegalArgumentException("--size must be at least 1, not " + size);
        }
        if (observers < 0) {
            throw new IllegalArgumentException("--observers must not be negative, not " + observers);
        }
        if (size + observers > MAX_PEERS) {
            throw new IllegalArgumentException("--size plus --observers must be at most " + MAX_PEERS + ", not "
                    + (size + observers));
        }
        if (basePort < 1 || basePort + 200 + size + observers > 65_535) {
            throw new IllegalArgumentException("--base-port " + basePort + " leaves no room for ports up to P+200+"
                    + (size + observers) + " (at most 65535)");
        }
    }

    public int peers() {
        return size + observers;
    }

    public boolean isObserver(int sid) {
        return sid > size;
    }

    public int clientPort(int sid) {
        return basePort + sid;
    }

    public int quorumPort(int sid) {
        return basePort + 100 + sid;
    }

    public int electionPort(int sid) {
        return basePort + 200 + sid;
    }

    public Path peerDir(int sid) {
        return dataDir.resolve("peer-" + sid);
    }

    public Path configFile(int sid) {
        return peerDir(sid).resolve("zoo.cfg");
    }

    /** The zoo.cfg of peer {@code sid}, with ZooKeeper's keys. */
    public List<String> zooCfg(int sid) {
        List<String> lines = new ArrayList<>(List.of(
                "# peer " + sid + " of a local ensemble written by `quorum ensemble`",
                "tickTime=200",
                "initLimit=10",
                "syncLimit=5",
                "dataDir=" + peerDir(sid).resolve("data"),
                "clientPort=" + clientPort(sid),
                "clientPortAddress=" + HOST,
                "electionAlg=" + electionAlg));
        if (isObserver(sid)) {
            lines.add("peerType=observer");
        }
        for (int other = 1; other <= peers(); other++) {
            lines.add("server." + other + "=" + HOST + ":" + quorumPort(other) + ":" + electionPort(other)
                    + (isObserver(other) ? ":observer" : ""));
        }
        return lines;
    }

    /** Writes every peer's zoo.cfg and myid. */
    public void write() throws IOException {
        for (int sid = 1; sid <= peers(); sid++) {
            Path data = Files.createDirectories(peerDir(sid).resolve("data"));
            Files.writeString(data.resolve("myid"), sid + "\n", StandardCharsets.US_ASCII);
            Files.write(configFile(sid), zooCfg(sid), StandardCharsets.UTF_8);
        }
    }

    /** Every port of the layout, peer by peer: client, quorum and election port. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (int sid = 1; sid <= peers(); sid++) {
            ports.addAll(List.of(clientPort(sid), quorumPort(sid), electionPort(sid)));
        }
        return ports;
    }

    /**
     * The ports of the layout that something else already listens on, if any: better said
     * before starting than found in a peer's log.
     */
    public List<Integer> portsInUse() {
        return ports().stream().filter(port -> !free(port)).toList();
    }

    /**
     * A warning when some ports lie in the kernel's ephemeral range: any outgoing connection may
     * take one as its local port while nothing listens there, that is while its peer is down, and
     * on a quorum port until that peer is elected leader. The new leader then cannot listen for
     * learners and the ensemble elects it again and again (ZooKeeper's ports, 2181, 2888 and
     * 3888, lie below the range).
     */
    public Optional<String> ephemeralRangeWarning(PortRange ephemeral) {
        List<Integer> inside = ports().stream().filter(ephemeral::contains).toList();
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d of the ports (%d..%d) lie in the kernel's ephemeral range"
                + " %s, where any outgoing connection can take a port while its peer is down or not yet"
                + " leading; a --base-port below %d avoids that", inside.size(), inside.get(0),
                inside.get(inside.size() - 1), ephemeral, Math.max(1, ephemeral.first() - 200 - peers())));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
