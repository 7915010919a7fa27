package io.quorum.dist.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A ZooKeeper release's runtime class path in the user cache, {@code <cache>/zookeeper/<version>/lib}.
 * The first use fills it the way the build fills {@code target/zookeeper/lib-<version>}: a nested
 * {@code mvn dependency:copy-dependencies} on the POM the distribution jar carries (the same file
 * as testdata/zookeeper-classpath/pom-<version>.xml), so Maven's own repository and settings
 * (mirrors, proxies, offline) apply.
 */
public final class ZooKeeperClassPath {
    private static final long MAVEN_TIMEOUT_MINUTES = 15;

    private ZooKeeperClassPath() {
    }

    /** {@code -Dquorum.cache.dir}, else {@code $XDG_CACHE_HOME/quorum}, else {@code ~/.cache/quorum}. */
    public static Path cacheRoot() {
        String configured = System.getProperty("quorum.cache.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("quorum");
    }

    /** The cached class path directory, if a complete one is there. */
    public static Optional<Path> cached(ZooKeeperVersion version) {
        Path lib = libDir(version);
        return version.hasJar(lib) ? Optional.of(lib) : Optional.empty();
    }

    /**
     * Makes sure {@code version}'s class path is available: the build's (tests) or the cache's,
     * filling the cache through Maven if needed and telling {@code progress} so.
     *
     * @throws IllegalStateException naming the Maven command and its output tail when it fails
     */
    public static Path resolve(ZooKeeperVersion version, Consumer<String> progress) {
        if (System.getProperty("zookeeper.dir") != null) {
            return version.libDir();
        }
        Optional<Path> cached = cached(version);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path home = cacheRoot().resolve("zookeeper").resolve(version.version());
        progress.accept("resolving ZooKeeper " + version.version() + " through Maven into " + home
                + " (first use only)...");
        try {
            Files.createDirectories(home);
            Path pom = home.resolve("pom.xml");
            copyResource("pom-" + version.version() + ".xml", pom);
            Path staging = home.resolve("lib.partial");
            DirectoryTrees.delete(staging);
            runMaven(pom, staging, home.resolve("maven.log"));
            if (!version.hasJar(staging)) {
                throw new IllegalStateException("Maven ran, but " + staging + " has no zookeeper-" + version.version()
                        + ".jar; see " + home.resolve("maven.log"));
            }
            Files.move(staging, libDir(version), StandardCopyOption.ATOMIC_MOVE);
            progress.accept("ZooKeeper " + version.version() + " is in " + libDir(version));
            return libDir(version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill the ZooKeeper cache at " + home, e);
        }
    }

    private static Path libDir(ZooKeeperVersion version) {
        return cacheRoot().resolve("zookeeper").resolve(version.version()).resolve("lib").toAbsolutePath();
    }

    private static void runMaven(Path pom, Path output, Path log) throws IOException {
        List<String> command = List.of(mavenExecutable(), "-B", "-q", "-f", pom.toString(),
                pluginCoordinates() + ":copy-dependencies", "-DoutputDirectory=" + output, "-DincludeScope=runtime");
        Process maven;
        try {
            maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Maven (" + command.get(0) + ") to resolve ZooKeeper: "
                    + e.getMessage() + "; install Maven or set MAVEN_HOME", e);
        }
        try {
            if (!maven.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IllegalStateException("Maven did not resolve ZooKeeper within " + MAVEN_TIMEOUT_MINUTES
                        + " minutes: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven resolved ZooKeeper", e);
        }
        if (maven.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("`" + String.join(" ", command) + "` failed (exit " + maven.exitValue()
                    + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    private static String mavenExecutable() {
        String home = System.getenv("MAVEN_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    private static String pluginCoordinates() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource("zookeeper-classpath.properties")) {
            properties.load(in);
        }
        return properties.getProperty("dependency-plugin.coordinates");
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ZooKeeperClassPath.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the distribution jar");
        }
        return in;
    }
}
