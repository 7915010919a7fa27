package io.quorum.dist.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * One real peer (Apache ZooKeeper or ours) running as a child JVM, with its zoo.cfg, myid, log
 * configuration and log file under its own directory. The harness only ever ends the process it
 * started, through this object.
 */
public final class PeerProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final ZooConfig config;
    private final PeerRuntime runtime;
    private final PeerAddress address;
    private final List<PeerAddress> view;
    private final Path dir;
    private final Path log;
    private final Process process;

    private PeerProcess(ZooConfig config, PeerRuntime runtime, PeerAddress address, List<PeerAddress> view, Path dir,
            Path log, Process process) {
        this.config = config;
        this.view = view;
        this.dir = dir;
        this.runtime = runtime;
        this.address = address;
        this.log = log;
        this.process = process;
    }

    /** Starts peer {@code self} of the ensemble {@code view}, using {@code dir} as its home. */
    public static PeerProcess start(PeerRuntime runtime, PeerAddress self, List<PeerAddress> view, Path dir)
            throws IOException {
        return start(ZooConfig.DEFAULT, runtime, self, view, dir);
    }

    /** As {@link #start(PeerRuntime, PeerAddress, List, Path)}, with {@code config}'s zoo.cfg. */
    public static PeerProcess start(ZooConfig config, PeerRuntime runtime, PeerAddress self, List<PeerAddress> view,
            Path home) throws IOException {
        // The peer runs in its own directory, so a path relative to ours would not resolve there.
        Path dir = home.toAbsolutePath();
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("myid"), Long.toString(self.sid()));
        Path zooCfg = dir.resolve("zoo.cfg");
        Files.write(zooCfg, config.lines(runtime, self, view, dataDir), StandardCharsets.UTF_8);
        Path log = dir.resolve("zookeeper.log");
        Process process = new ProcessBuilder(command(runtime, dir, zooCfg))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PeerProcess(config, runtime, self, List.copyOf(view), dir, log, process);
    }

    private static List<String> command(PeerRuntime runtime, Path dir, Path config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Three peers plus the build share two CI cores: a cheap JIT and GC start faster and
        // steal less CPU from each other. Election timing is dominated by fixed waits anyway.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(runtime.jvmArguments(dir));
        command.add("-cp");
        command.add(runtime.classPath());
        command.add(runtime.mainClass());
        command.add(config.toString());
        return command;
    }

    /** Starts this peer again, with the same directory, zoo.cfg settings and runtime; it must have exited. */
    public PeerProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running");
        }
        Files.move(log, dir.resolve("zookeeper-" + process.pid() + ".log"));
        return start(config, runtime, address, view, dir);
    }

    public PeerAddress address() {
        return address;
    }

    public long sid() {
        return address.sid();
    }

    public PeerRuntime runtime() {
        return runtime;
    }

    /** The operating system's id of the peer's JVM. */
    public long pid() {
        return process.pid();
    }

    /** CPU time and peak resident memory of the peer's JVM so far; empty once it has exited. */
    public java.util.Optional<ProcessUsage> usage() {
        return ProcessUsage.of(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What {@code srvr} on the client port says now. */
    public FourLetterWords.Status status() {
        return FourLetterWords.srvr(address.clientPort());
    }

    /** SIGTERM, then SIGKILL if the peer has not exited within the grace period. */
    public void stop() {
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            kill9();
        }
    }

    /** SIGKILL: the peer gets no chance to close its sockets cleanly, as in a crash. */
    public void kill9() {
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
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What our peer's election sent in its last round, from the {@code ELECTION SENT - M messages,
     * B bytes} line it logs after each decision; empty for ZooKeeper, or before the first decision.
     */
    public Optional<ElectionTraffic> lastElectionTraffic() {
        Optional<ElectionTraffic> last = Optional.empty();
        Matcher line = ElectionTraffic.LOG_LINE.matcher(logText());
        while (line.find()) {
            last = Optional.of(new ElectionTraffic(Long.parseLong(line.group(1)), Long.parseLong(line.group(2))));
        }
        return last;
    }

    /** The last lines of the peer's log, for assertion messages. */
    public String logTail() {
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
        return runtime + " sid " + sid() + " (" + config + ", pid " + process.pid() + ", " + log + ")";
    }
}
