package io.quorum.dist.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real Apache ZooKeeper peer running as a child JVM, with its zoo.cfg, myid, log
 * configuration and log file under its own directory. The harness only ever ends the process it
 * started, through this object.
 */
final class ZooKeeperProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final ZooKeeperVersion version;
    private final PeerAddress address;
    private final Path log;
    private final Process process;

    private ZooKeeperProcess(ZooKeeperVersion version, PeerAddress address, Path log, Process process) {
        this.version = version;
        this.address = address;
        this.log = log;
        this.process = process;
    }

    /** Starts peer {@code self} of the ensemble {@code view}, using {@code dir} as its home. */
    static ZooKeeperProcess start(ZooKeeperVersion version, PeerAddress self, List<PeerAddress> view, Path dir)
            throws IOException {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("myid"), Long.toString(self.sid()));
        Path config = dir.resolve("zoo.cfg");
        Files.write(config, ZooConfig.lines(version, self, view, dataDir), StandardCharsets.UTF_8);
        Path log = dir.resolve("zookeeper.log");
        Process process = new ProcessBuilder(command(version, dir, config))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ZooKeeperProcess(version, self, log, process);
    }

    private static List<String> command(ZooKeeperVersion version, Path dir, Path config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        // Three peers plus the build share two CI cores: a cheap JIT and GC start faster and
        // steal less CPU from each other. Election timing is dominated by fixed waits anyway.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(version.loggingArguments(dir));
        command.add("-cp");
        command.add(version.libDir() + "/*");
        command.add("org.apache.zookeeper.server.quorum.QuorumPeerMain");
        command.add(config.toString());
        return command;
    }

    PeerAddress address() {
        return address;
    }

    long sid() {
        return address.sid();
    }

    ZooKeeperVersion version() {
        return version;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What {@code srvr} on the client port says now. */
    FourLetterWords.Status status() {
        return FourLetterWords.srvr(address.clientPort());
    }

    /** SIGTERM, then SIGKILL if the peer has not exited within the grace period. */
    void stop() {
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            kill9();
        }
    }

    /** SIGKILL: the peer gets no chance to close its sockets cleanly, as in a crash. */
    void kill9() {
        process.destroyForcibly();
        if (!waitFor(STOP_GRACE)) {
            throw new IllegalStateException("ZooKeeper sid " + sid() + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The peer's whole log so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the peer's log, for assertion messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
            return String.join("\n", lines.subList(from, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "ZooKeeper " + version + " sid " + sid() + " (pid " + process.pid() + ", " + log + ")";
    }
}
