package io.quorum.dist.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * Our own peer, {@code QuorumPeerMain}, from the class path this test runs with (the reactor's
 * module jars and their dependencies), in the 64 MiB heap the issue asks a peer to run in.
 */
enum QuorumRuntime implements PeerRuntime {
    INSTANCE;

    @Override
    public List<String> jvmArguments(Path dir) {
        return List.of("-Xmx64m");
    }

    @Override
    public String classPath() {
        return System.getProperty("java.class.path");
    }

    @Override
    public String mainClass() {
        return "io.quorum.peer.main.QuorumPeerMain";
    }

    @Override
    public List<String> extraConfig() {
        return List.of();
    }

    @Override
    public String toString() {
        return "quorum";
    }
}
