package io.quorum.dist.interop;

import io.quorum.dist.ensemble.ChildPeer;
import java.nio.file.Path;
import java.util.List;

/**
 * Our own peer, {@code QuorumPeerMain}, from the class path this test runs with (the reactor's
 * module jars and their dependencies), in the 64 MiB heap the issue asks a peer to run in.
 */
enum QuorumRuntime implements PeerRuntime {
    INSTANCE;

    /** The distribution's own logging configuration: INFO, console, [myid:N] on every line. */
    @Override
    public List<String> jvmArguments(Path dir) {
        Path logback = Path.of("src/dist/conf/logback.xml").toAbsolutePath();
        return List.of("-Xmx64m", "-Dlogback.configurationFile=" + logback);
    }

    /** This JVM's class path with every entry made absolute: the peer runs in its own directory. */
    @Override
    public String classPath() {
        return ChildPeer.absoluteClassPath();
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
