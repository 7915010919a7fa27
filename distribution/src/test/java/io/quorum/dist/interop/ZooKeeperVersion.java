package io.quorum.dist.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Apache ZooKeeper release whose runtime class path the build resolved into
 * {@code target/zookeeper/lib-<version>/} (see the zookeeper-* profiles in distribution/pom.xml).
 */
enum ZooKeeperVersion implements PeerRuntime {
    V3_9_5("3.9.5") {
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
    V3_4_14("3.4.14") {
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

    ZooKeeperVersion(String version) {
        this.version = version;
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
     * The class path directory. Missing libs fail the test rather than skip it: CI must never
     * report an interop suite as green that did not run.
     */
    Path libDir() {
        Path root = Path.of(System.getProperty("zookeeper.dir", "target/zookeeper"));
        Path dir = root.resolve("lib-" + version).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("zookeeper-" + version + ".jar"))) {
            throw new IllegalStateException("ZooKeeper " + version + " class path is missing at " + dir
                    + ": run `mvn -B verify` on distribution without -Dskip.zookeeper=true to resolve it");
        }
        return dir;
    }

    @Override
    public String toString() {
        return version;
    }
}
