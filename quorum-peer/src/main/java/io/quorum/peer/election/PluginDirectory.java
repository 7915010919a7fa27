package io.quorum.peer.election;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where election plugins are found when zoo.cfg names no {@code plugin.dir}: the directory the
 * system property {@value #PROPERTY} names. The distribution's {@code bin/quorum} sets it to its
 * {@code plugins/} directory (and {@code ./quorum} in a checkout to the build's), and
 * {@code quorum ensemble} hands it to the peers it starts. Without it (a peer embedded in another
 * program, say) only the algorithms on the class path are installed.
 */
public final class PluginDirectory {
    /** The system property naming the default plugin directory. */
    public static final String PROPERTY = "quorum.plugin.dir";

    private PluginDirectory() {
    }

    /** The directory {@value #PROPERTY} names, made absolute, if it is set and not blank. */
    public static Optional<Path> fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
    }
}
