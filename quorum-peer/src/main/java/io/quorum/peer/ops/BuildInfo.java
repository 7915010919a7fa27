package io.quorum.peer.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The version line the four-letter words print where ZooKeeper prints its own, e.g. {@code quorum
 * 0.1.0, built on 2025-01-31 09:15 UTC}. Tools that split ZooKeeper's line at the comma still find
 * a version before it.
 *
 * @param version the project version
 * @param builtOn when the jar was built, in ZooKeeper's {@code yyyy-MM-dd HH:mm UTC} form
 */
public record BuildInfo(String version, String builtOn) {
    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    public BuildInfo {
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(builtOn, "builtOn is null");
    }

    /**
     * What Maven wrote into this module's {@code build.properties}; "unknown" for values it did
     * not fill in (e.g. when running from an IDE that skips resource filtering).
     */
    public static BuildInfo ofThisBuild() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
        return new BuildInfo(filtered(properties, "version"), filtered(properties, "builtOn"));
    }

    private static String filtered(Properties properties, String key) {
        String value = properties.getProperty(key, UNKNOWN).trim();
        return value.isEmpty() || value.contains("${") ? UNKNOWN : value;
    }

    /** The text after {@code Zookeeper version: } and {@code zk_version}. */
    public String fullVersion() {
        return "quorum " + version + ", built on " + builtOn;
    }
}
