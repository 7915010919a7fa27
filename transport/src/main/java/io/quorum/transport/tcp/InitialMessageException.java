package io.quorum.transport.tcp;

import java.io.IOException;

/** The first bytes on an accepted election connection are not a valid initial message. */
public final class InitialMessageException extends IOException {
    private static final long serialVersionUID = 1L;

    public InitialMessageException(String message) {
        super(message);
    }
}
