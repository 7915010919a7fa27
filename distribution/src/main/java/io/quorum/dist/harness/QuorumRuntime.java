package io.quorum.dist.harness;

import io.quorum.dist.cds.ClassDataArchive;
import io.quorum.dist.ensemble.ChildPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own peer, {@code QuorumPeerMain}, from this JVM's class path (the tarball's lib/, or the
 * reactor's module jars in a test), in the 64 MiB heap the issue asks a peer to run in.
 */
public enum QuorumRuntime implements PeerRuntime {
    INSTANCE;

    /** Where a source checkout keeps the distribution's logging configuration, from distribution/. */
    private static final Path SOURCE_LOGBACK = Path.of("src/dist/conf/logback.xml");

    /**
     * The distribution's own logging configuration (INFO, console, [myid:N] on every line): the
     * one this JVM was started with (bin/quorum names conf/logback.xml), else the source tree's.
     */
    @Override
    public List<String> jvmArguments(Path dir) {
        List<String> arguments = new ArrayList<>(ClassDataArchive.PEER_JVM_OPTIONS);
        arguments.addAll(ClassDataArchive.jvmOptions());
        String configured = System.getProperty("logback.configurationFile");
        if (configured != null) {
            arguments.add("-Dlogback.configurationFile=" + configured);
        } else if (Files.isRegularFile(SOURCE_LOGBACK)) {
            arguments.add("-Dlogback.configurationFile=" + SOURCE_LOGBACK.toAbsolutePath());
        }
        return arguments;
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
