package io.quorum.dist.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real Apache ZooKeeper release. Its runtime class path is the one the build resolved into
 * {@code target/zookeeper/lib-<version>/} when the {@code zookeeper.dir} system property names that
 * root (the interop tests), else the user cache {@link ZooKeeperClassPath} fills through Maven.
 */
public enum ZooKeeperVersion implements PeerRuntime {
    V3_9_5("3.9.5", Set.of(3)) {
        @Override
        List<String> loggingArguments(Path dir) {
            // slf4j-simple is configured through system properties; it writes to stderr, which
            // the harness merges into the peer's log file.
            return List.of(
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        }

        @Override
        public List<String> extraConfig() {
            // The admin server would bind port 8080 on every peer and collide.
            return List.of("admin.enableServer=false");
        }
    },
    V3_4_14("3.4.14", Set.of(0, 1, 2, 3)) {
        @Override
        List<String> loggingArguments(Path dir) throws IOException {
            Path config = dir.resolve("log4j.properties");
            Files.writeString(config, String.join("\n",
                    "log4j.rootLogger=INFO, CONSOLE",
                    "log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender",
                    "log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout",
                    "log4j.appender.CONSOLE.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n",
                    ""));
            return List.of("-Dlog4j.configuration=" + config.toUri());
        }

        @Override
        public List<String> extraConfig() {
            return List.of();
        }
    };

    private final String version;
    private final Set<Integer> electionAlgs;

    ZooKeeperVersion(String version, Set<Integer> electionAlgs) {
        this.version = version;
        this.electionAlgs = electionAlgs;
    }

    /** The release named {@code version}, e.g. 3.9.5. */
    public static Optional<ZooKeeperVersion> of(String version) {
        return Arrays.stream(values()).filter(v -> v.version.equals(version)).findFirst();
    }

    public String version() {
        return version;
    }

    /** The {@code electionAlg} values this release runs (3.9 kept only FastLeaderElection). */
    public Set<Integer> electionAlgs() {
        return electionAlgs;
    }

    /** JVM options that send the peer's log to stdout/stderr, writing config files into dir if needed. */
    abstract List<String> loggingArguments(Path dir) throws IOException;

    @Override
    public List<String> jvmArguments(Path dir) throws IOException {
        List<String> arguments = new ArrayList<>();
        arguments.add("-Xmx128m");
        arguments.addAll(loggingArguments(dir));
        return arguments;
    }

    @Override
    public String classPath() {
        return libDir() + "/*";
    }

    @Override
    public String mainClass() {
        return "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    }

    /**
     * The class path directory. Under the build ({@code zookeeper.dir} set), missing libs fail the
     * test rather than skip it: CI must never report an interop suite as green that did not run.
     * Elsewhere the user cache must have been filled by {@link ZooKeeperClassPath#resolve}.
     */
    public Path libDir() {
        String buildRoot = System.getProperty("zookeeper.dir");
        if (buildRoot == null) {
            return ZooKeeperClassPath.cached(this).orElseThrow(() -> new IllegalStateException("ZooKeeper " + version
                    + " class path is not in the cache " + ZooKeeperClassPath.cacheRoot() + "; resolve it first"));
        }
        Path dir = Path.of(buildRoot).resolve("lib-" + version).toAbsolutePath();
        if (!hasJar(dir)) {
            throw new IllegalStateException("ZooKeeper " + version + " class path is missing at " + dir
                    + ": run `mvn -B verify` on distribution without -Dskip.zookeeper=true to resolve it");
        }
        return dir;
    }

    /** Whether {@code dir} holds this release's jar. */
    boolean hasJar(Path dir) {
        return Files.isRegularFile(dir.resolve("zookeeper-" + version + ".jar"));
    }

    @Override
    public String toString() {
        return version;
    }
}
