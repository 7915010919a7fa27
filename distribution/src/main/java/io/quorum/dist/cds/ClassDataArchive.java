package io.quorum.dist.cds;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive for peer JVMs started with this JVM's class path and JDK. It lives in a
 * cache directory ({@code $XDG_CACHE_HOME/quorum/cds}, else {@code ~/.cache/quorum/cds}, or
 * {@code -Dquorum.cds.dir}) under a name derived from the JDK and from every class path entry's
 * path, size and modification time, so a rebuilt jar or another JDK gets an archive of its own
 * rather than one the JVM would refuse. {@code -Dquorum.cds=false} turns it off. Class paths with
 * directories (a development build) cannot be archived by the JVM and get none.
 */
public final class ClassDataArchive {
    /**
     * Heap and collector of every peer JVM our launchers start, and of the training run, which must
     * match; the heap in huge pages where the kernel offers them ({@link TransparentHugePages}).
     */
    public static final List<String> PEER_JVM_OPTIONS = peerJvmOptions();
    private static final long TRAINING_BOUND_SECONDS = 120;
    private static volatile Path prepared;

    private ClassDataArchive() {
    }

    private static List<String> peerJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx64m", "-XX:+UseSerialGC"));
        options.addAll(TransparentHugePages.peerJvmOptions());
        return List.copyOf(options);
    }

    /**
     * Makes sure the archive exists, running the training once if it does not, and remembers it
     * for {@link #jvmOptions()}. Says on {@code progress} when it trains, as that takes seconds.
     * Any failure only costs the gain; it is reported and the peers start without an archive.
     */
    public static synchronized Optional<Path> prepare(PrintWriter progress) {
        if (prepared != null) {
            return Optional.of(prepared);
        }
        if (!Boolean.parseBoolean(System.getProperty("quorum.cds", "true"))) {
            return Optional.empty();
        }
        List<Path> classPath = classPath();
        if (classPath.isEmpty() || classPath.stream().anyMatch(Files::isDirectory)) {
            return Optional.empty();
        }
        try {
            Path archive = cacheDir().resolve("quorum-" + key(classPath) + ".jsa");
            if (!Files.isRegularFile(archive)) {
                progress.println("preparing a class-data archive for faster peer starts (once per JDK and build) ...");
                progress.flush();
                long started = System.nanoTime();
                train(classPath, archive);
                progress.println("class-data archive ready in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + archive);
                progress.flush();
            }
            prepared = archive;
            return Optional.of(archive);
        } catch (IOException e) {
            progress.println("no class-data archive, peers start without one: " + e.getMessage());
            progress.flush();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The options a peer JVM needs to use the prepared archive; none if none was prepared. */
    public static List<String> jvmOptions() {
        Path archive = prepared;
        return archive != null && Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of();
    }

    private static void train(List<Path> classPath, Path archive) throws IOException, InterruptedException {
        Files.createDirectories(archive.getParent());
        Path work = Files.createTempDirectory("quorum-cds-training-");
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Path log = archive.resolveSibling("training.log");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:ArchiveClassesAtExit=" + partial);
            command.addAll(PEER_JVM_OPTIONS);
            command.add("-Dquorum.log.level=WARN");
            String logback = System.getProperty("logback.configurationFile");
            if (logback != null) {
                command.add("-Dlogback.configurationFile=" + logback);
            }
            command.add("-cp");
            command.add(joined(classPath));
            command.add(ClassDataTraining.class.getName());
            command.add(work.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(TRAINING_BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the training run did not end within " + TRAINING_BOUND_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
                throw new IOException("the training run failed (exit " + process.exitValue() + "); see " + log);
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
            ClassDataTraining.deleteTree(work);
        }
    }

    static Path cacheDir() {
        String configured = System.getProperty("quorum.cds.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("quorum").resolve("cds");
    }

    /** The JDK and every class path entry (path, size, modification time), hashed. */
    static String key(List<Path> classPath) throws IOException {
        StringBuilder identity = new StringBuilder()
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (Path entry : classPath) {
            identity.append(entry).append(' ').append(Files.size(entry)).append(' ')
                    .append(Files.getLastModifiedTime(entry).toMillis()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** This JVM's class path, absolute, as the peer JVMs get it (the launcher has expanded wildcards). */
    static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        return entries;
    }

    private static String joined(List<Path> classPath) {
        return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }
}
