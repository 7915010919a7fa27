package io.quorum.transport.frame;

import java.io.IOException;

/** A frame header announced a length outside {@code 1..}{@link LengthFramer#MAX_PAYLOAD}. */
public final class BadFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int length;

    public BadFrameException(int length) {
        super("frame length " + length + " is outside 1.." + LengthFramer.MAX_PAYLOAD);
        this.length = length;
    }

    /** The offending length as read from the wire. */
    public int length() {
        return length;
    }
}
