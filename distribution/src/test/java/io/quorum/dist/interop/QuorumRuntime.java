package io.quorum.dist.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Our own peer, {@code QuorumPeerMain}, from the class path this test runs with (the reactor's
 * module jars and their dependencies), in the 64 MiB heap the issue asks a peer to run in.
 */
enum QuorumRuntime implements PeerRuntime {
    INSTANCE;

    /** INFO to the console (the harness's log file), as ZooKeeper's peers log in the harness. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] [myid:%X{peer:-}] %logger{36} - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="INFO">
                <appender-ref ref="CONSOLE"/>
              </root>
            </configuration>
            """;

    @Override
    public List<String> jvmArguments(Path dir) throws IOException {
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, LOGBACK);
        return List.of("-Xmx64m", "-Dlogback.configurationFile=" + logback);
    }

    /** This JVM's class path with every entry made absolute: the peer runs in its own directory. */
    @Override
    public String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
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
