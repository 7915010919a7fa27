package io.quorum.peer.persist;

import java.io.IOException;

/**
 * The data directory is inconsistent in a way that recovery must not repair by guessing (an epoch
 * older than the log proves, an accepted epoch below the current one). The peer refuses to start;
 * the message names the files involved.
 */
public final class DataDirRecoveryException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataDirRecoveryException(String message) {
        super(message);
    }
}
