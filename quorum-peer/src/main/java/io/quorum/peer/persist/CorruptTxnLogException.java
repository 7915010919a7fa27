package io.quorum.peer.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Damage in the transaction log that recovery must not cut away: anything before the last log
 * file, or a file that is not one of ours. Only the tail of the last file can be torn by a crash,
 * because a file is forced before the next one is created; damage elsewhere means lost data.
 */
public final class CorruptTxnLogException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptTxnLogException(Path file, long offset, String problem) {
        super("Corrupt transaction log " + file + " at offset " + offset + ": " + problem);
    }
}
