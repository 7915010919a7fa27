package io.quorum.transport.tcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seeded generator of initial messages: valid ones, near misses and plain garbage. */
final class RandomInitialMessages {
    private static final long[] VERSIONS = {InitialMessage.PROTOCOL_V1, InitialMessage.PROTOCOL_V2, -1, -65_537, Long.MIN_VALUE};
    private static final String[] HOSTS = {"127.0.0.1", "[::1]", "0.0.0.0", "host", "", "h:x", "hôte", "a|b", "[::1"};

    private RandomInitialMessages() {
    }

    static byte[] next(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> garbage(random);
            case 1 -> ByteBuffer.allocate(8).putLong(random.nextLong()).array();
            default -> versioned(random);
        };
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] versioned(SplittableRandom random) {
        long version = VERSIONS[random.nextInt(VERSIONS.length)];
        StringBuilder address = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            address.append(i == 0 ? "" : "|").append(HOSTS[random.nextInt(HOSTS.length)]).append(':').append(random.nextInt(-5, 70_000));
        }
        byte[] text = address.toString().getBytes(StandardCharsets.UTF_8);
        int length = random.nextInt(10) == 0 ? random.nextInt(-3, 5_000) : text.length;
        int carried = random.nextInt(10) == 0 ? random.nextInt(text.length + 1) : text.length;
        ByteBuffer buffer = ByteBuffer.allocate(20 + carried).putLong(version).putLong(random.nextLong(-2, 1_000))
                .putInt(length).put(text, 0, carried);
        return buffer.array();
    }
}
