package io.quorum.peer.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An epoch file exists but does not hold a decimal long. The peer must not start: guessing an
 * epoch could make it accept a leader it has already rejected. The file is left as it was, for an
 * operator to look at.
 */
public final class CorruptEpochFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptEpochFileException(Path file, String content, String reason) {
        super("Corrupt epoch file " + file + ": " + reason + "; content " + content);
        this.file = file;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }
}
