package io.quorum.dist.interop;

/** One peer's loopback ports, as written to {@code server.N=127.0.0.1:quorum:election} lines. */
record PeerAddress(long sid, int quorumPort, int electionPort, int clientPort) {

    static final String HOST = "127.0.0.1";

    String serverLine() {
        return "server." + sid + "=" + HOST + ":" + quorumPort + ":" + electionPort;
    }
}
