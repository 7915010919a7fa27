package io.quorum.dist.harness;

import java.util.regex.Pattern;

/**
 * What one election round of our peer sent, as the peer logs it after deciding.
 *
 * @param messages election messages handed to the transport, from opening the round to deciding
 * @param bytes their payload bytes
 */
public record ElectionTraffic(long messages, long bytes) {

    /** The line {@code QuorumPeer} logs: {@code ELECTION SENT - 12 messages, 1860 bytes}. */
    static final Pattern LOG_LINE = Pattern.compile("ELECTION SENT - (\\d+) messages, (\\d+) bytes");
}
