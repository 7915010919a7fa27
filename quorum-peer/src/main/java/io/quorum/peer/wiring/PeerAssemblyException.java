package io.quorum.peer.wiring;

/** The peer cannot be assembled; the message is the underlying problem's. */
public final class PeerAssemblyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerAssemblyException(Throwable cause) {
        super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }
}
