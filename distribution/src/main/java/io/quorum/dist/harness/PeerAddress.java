package io.quorum.dist.harness;

/** One peer's loopback ports, as written to {@code server.N=127.0.0.1:quorum:election} lines. */
public record PeerAddress(long sid, int quorumPort, int electionPort, int clientPort, boolean observer) {

    public static final String HOST = "127.0.0.1";

    /** A participant. */
    public PeerAddress(long sid, int quorumPort, int electionPort, int clientPort) {
        this(sid, quorumPort, electionPort, clientPort, false);
    }

    /** The same ports, as an observer. */
    public PeerAddress asObserver() {
        return new PeerAddress(sid, quorumPort, electionPort, clientPort, true);
    }

    public String serverLine() {
        return "server." + sid + "=" + HOST + ":" + quorumPort + ":" + electionPort + (observer ? ":observer" : "");
    }
}
