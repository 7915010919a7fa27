package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import io.quorum.transport.support.PortRange;
import java.io.IOException;

/**
 * The election listener gave up binding. The peer must surface this: 3.9.5 exits with code 14,
 * and 3.4.14's silent "I won't be able to participate in leader election" zombie is exactly
 * what ZOOKEEPER-3320 removed.
 */
public final class ListenerBindException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient PeerAddress address;

    public ListenerBindException(PeerAddress address, int attempts, Throwable cause) {
        super("the election listener could not bind " + address + " after " + attempts
                + " attempt(s); this peer cannot take part in leader election: " + cause
                + PortRange.bindHint(address.port(), cause), cause);
        this.address = address;
    }

    /** The address that could not be bound. */
    public PeerAddress address() {
        return address;
    }
}
