package io.quorum.peer.zab;

import java.nio.ByteBuffer;

/**
 * The bytes read from one connection and not yet consumed: chunks are appended as they arrive and
 * the decoder consumes whole packets from the front, leaving a partial one for the next chunk.
 */
final class InboundBytes {
    private ByteBuffer buffer = ByteBuffer.allocate(4 * 1024).flip();

    /** Appends a chunk and returns the buffer in read mode, from the oldest unconsumed byte. */
    ByteBuffer append(byte[] chunk) {
        if (buffer.capacity() - buffer.remaining() < chunk.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.remaining() + chunk.length));
            bigger.put(buffer);
            buffer = bigger;
        } else {
            buffer.compact();
        }
        buffer.put(chunk);
        buffer.flip();
        return buffer;
    }
}
