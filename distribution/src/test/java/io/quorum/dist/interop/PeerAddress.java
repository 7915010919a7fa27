package io.quorum.dist.interop;

/** One peer's loopback ports, as written to {@code server.N=127.0.0.1:quorum:election} lines. */
record PeerAddress(long sid, int quorumPort, int electionPort, int clientPort, boolean observer) {

    static final String HOST = "127.0.0.1";

    /** A participant. */
    PeerAddress(long sid, int quorumPort, int electionPort, int clientPort) {
        this(sid, quorumPort, electionPort, clientPort, false);
    }

    /** The same ports, as an observer. */
    PeerAddress asObserver() {
        return new PeerAddress(sid, quorumPort, electionPort, clientPort, true);
    }

    String serverLine() {
        return "server." + sid + "=" + HOST + ":" + quorumPort + ":" + electionPort + (observer ? ":observer" : "");
    }
}
