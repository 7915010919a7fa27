package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The message a connector writes before any frame (PROTOCOL.md 2.1).
 *
 * @param form which of the three wire forms it is
 * @param sid the connector's server id
 * @param addresses the connector's advertised election addresses; empty for {@link Form#SID_ONLY}
 */
public record InitialMessage(Form form, long sid, List<PeerAddress> addresses) {

    /** The protocol version 3.5+ peers send by default (0xFFFFFFFFFFFF0000). */
    public static final long PROTOCOL_V1 = -65_536L;
    /** The protocol version 3.6+ peers send with {@code multiAddress.enabled=true}. */
    public static final long PROTOCOL_V2 = -65_535L;
    /** ZooKeeper's {@code maxBuffer}: the longest address string an acceptor reads. */
    public static final int MAX_ADDRESS_BYTES = 2048;
    /** QuorumPeer.OBSERVER_ID: the sid of an "anonymous observer" (2.2). */
    public static final long ANONYMOUS_OBSERVER_SID = Long.MAX_VALUE;

    /** The three wire forms. */
    public enum Form {
        /** 3.3.x to 3.4.14: only the 8-byte sid. */
        SID_ONLY,
        /** 3.5+ default: version -65536, sid, one {@code host:port}. */
        V1,
        /** 3.6+ multi-address: version -65535, sid, {@code host:port} parts joined by '|'. */
        V2
    }

    public InitialMessage {
        Objects.requireNonNull(form, "form is null");
        addresses = List.copyOf(addresses);
        if (form == Form.SID_ONLY && !addresses.isEmpty()) {
            throw new IllegalArgumentException("the sid-only form carries no address");
        }
        if (form != Form.SID_ONLY && addresses.isEmpty()) {
            throw new IllegalArgumentException("a versioned initial message needs at least one address");
        }
    }

    /** What 3.5+ peers send by default, and what this transport sends. */
    public static InitialMessage v1(long sid, PeerAddress electionAddress) {
        return new InitialMessage(Form.V1, sid, List.of(electionAddress));
    }

    /** What 3.4.14 sends. */
    public static InitialMessage sidOnly(long sid) {
        return new InitialMessage(Form.SID_ONLY, sid, List.of());
    }

    /** The address string as written on the wire ({@code host:port} parts joined by '|'). */
    public String addressString() {
        return addresses.stream().map(PeerAddress::toString).collect(Collectors.joining("|"));
    }

    /** The exact bytes a connector writes. Always UTF-8, whatever the platform (ZOOKEEPER-4787). */
    public byte[] encode() {
        if (form == Form.SID_ONLY) {
            return ByteBuffer.allocate(Long.BYTES).putLong(sid).array();
        }
        byte[] address = addressString().getBytes(StandardCharsets.UTF_8);
        if (address.length > MAX_ADDRESS_BYTES) {
            throw new IllegalStateException("address string of " + address.length + " bytes exceeds " + MAX_ADDRESS_BYTES);
        }
        return ByteBuffer.allocate(2 * Long.BYTES + Integer.BYTES + address.length)
                .putLong(form == Form.V1 ? PROTOCOL_V1 : PROTOCOL_V2)
                .putLong(sid)
                .putInt(address.length)
                .put(address)
                .array();
    }
}
