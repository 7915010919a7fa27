package io.quorum.transport.udp;

import java.net.InetSocketAddress;

/**
 * One received datagram.
 *
 * @param source the sender's address and port (alg 1/2 key peers by it, PROTOCOL.md 5.2)
 * @param payload the bytes, at most the endpoint's size cap
 */
public record Datagram(InetSocketAddress source, byte[] payload) {
}
