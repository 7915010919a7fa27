package io.quorum.transport.frame;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The election connection's framing (PROTOCOL.md 2.4): a big-endian int length followed by that
 * many payload bytes. Lengths of 0, below 0 or above 512 KiB are refused before anything is
 * allocated, so garbage on the port can neither exhaust memory (ZOOKEEPER-547) nor spin a reader
 * (ZOOKEEPER-893).
 */
public final class LengthFramer {
    /** ZooKeeper's PACKETMAXSIZE: the largest payload a receiver accepts. */
    public static final int MAX_PAYLOAD = 512 * 1024;

    /** Bytes of the length prefix. */
    public static final int HEADER_BYTES = Integer.BYTES;

    private LengthFramer() {
    }

    /** Whether a receiver accepts a frame announcing this payload length. */
    public static boolean isAcceptableLength(int length) {
        return length > 0 && length <= MAX_PAYLOAD;
    }

    /** The length prefix followed by the payload, as one array. */
    public static byte[] encode(byte[] payload) {
        if (!isAcceptableLength(payload.length)) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes cannot be framed; allowed 1.." + MAX_PAYLOAD);
        }
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).putInt(payload.length).put(payload).array();
    }

    /**
     * Writes one frame with a single {@code write} call, so it leaves in one segment where the
     * stack allows (as 3.9.5's buffered stream does), then flushes.
     */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(encode(payload));
        out.flush();
    }

    /**
     * Reads one whole frame.
     *
     * @throws BadFrameException if the announced length is not acceptable
     * @throws java.io.EOFException if the stream ends before the frame is complete
     */
    public static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (!isAcceptableLength(length)) {
            throw new BadFrameException(length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }
}
