package io.quorum.dist.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What runs in a peer process: a real ZooKeeper release or our own peer. */
public interface PeerRuntime {

    /** JVM options (heap, logging), writing any file they name into {@code dir}. */
    List<String> jvmArguments(Path dir) throws IOException;

    String classPath();

    /** The class whose main takes the zoo.cfg path. */
    String mainClass();

    /** zoo.cfg lines only this runtime understands or needs. */
    List<String> extraConfig();
}
