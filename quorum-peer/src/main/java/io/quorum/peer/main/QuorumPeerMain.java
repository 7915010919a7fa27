package io.quorum.peer.main;

import io.quorum.peer.config.QuorumPeerConfig;

/**
 * Starts one quorum peer from a parsed zoo.cfg, as ZooKeeper's {@code QuorumPeerMain.runFromConfig}.
 * (Being wired in this session: Guice injector, sessions on the quorum port.)
 */
public final class QuorumPeerMain {
    private QuorumPeerMain() {}

    /**
     * Runs the peer until the JVM is asked to stop (a shutdown hook closes it) or the peer stops by
     * itself; blocks the calling thread.
     *
     * @return the process exit code: 0 after a clean stop, 1 when the peer could not start or failed
     */
    public static int runFromConfig(QuorumPeerConfig config) {
        throw new UnsupportedOperationException("QuorumPeerMain is being wired");
    }
}
