package io.quorum.dist.ensemble;

import io.quorum.dist.cds.ClassDataArchive;
import io.quorum.peer.election.PluginDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One peer of a local ensemble as a child process: {@code quorum start zoo.cfg} in a JVM of its
 * own, with this JVM's class path, logging configuration and plugin directory, its output in
 * {@code peer.log}.
 */
public final class ChildPeer {
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final int sid;
    private final EnsembleLayout layout;
    private Process process;
    private int starts;

    public ChildPeer(int sid, EnsembleLayout layout) {
        this.sid = sid;
        this.layout = layout;
    }

    public int sid() {
        return sid;
    }

    public Path log() {
        return layout.peerDir(sid).resolve("peer.log");
    }

    /** Starts (or restarts) the process; the log is appended to. */
    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("peer " + sid + " is already running");
        }
        process = new ProcessBuilder(command())
                .directory(layout.peerDir(sid).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        starts++;
    }

    /** How many times the process was started. */
    public synchronized int starts() {
        return starts;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL, as a crash: the peer closes nothing cleanly. Waits for the process to be gone. */
    public synchronized void kill() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly();
            process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** SIGTERM, then SIGKILL if the peer has not exited within five seconds. */
    public synchronized void stop() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClassDataArchive.PEER_JVM_OPTIONS);
        command.addAll(ClassDataArchive.jvmOptions());
        for (String inherited : new String[] {"logback.configurationFile", PluginDirectory.PROPERTY}) {
            String value = System.getProperty(inherited);
            if (value != null) {
                command.add("-D" + inherited + "=" + value);
            }
        }
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add("io.quorum.dist.cli.QuorumCommand");
        command.add("start");
        command.add(layout.configFile(sid).toString());
        return command;
    }

    /**
     * This JVM's class path with every entry made absolute (wildcards kept), for a child JVM that
     * runs in a directory of its own.
     */
    public static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(ChildPeer::absolute)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String absolute(String entry) {
        if (entry.endsWith("*")) {
            String dir = entry.substring(0, entry.length() - 1);
            return Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath() + File.separator + "*";
        }
        return Path.of(entry).toAbsolutePath().toString();
    }

    @Override
    public String toString() {
        return "peer " + sid + " (pid " + pid() + ")";
    }
}
