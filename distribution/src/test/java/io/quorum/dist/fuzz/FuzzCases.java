package io.quorum.dist.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded inputs for every port a peer opens, written from the wire formats in PROTOCOL.md (not
 * from our codecs, so the fuzzer does not share their assumptions). About half of each kind is
 * structured (right shape, absurd values: huge and negative lengths, wrong versions, ids, epochs
 * and zxids at the edges) and then maybe truncated or bit-flipped; the rest is random bytes.
 *
 * <p>Sids are chosen outside the ensemble's (which uses 1..9): a fuzz case that speaks validly
 * for a member would be that member talking, not an attack the peer must shrug off.
 */
public final class FuzzCases {
    /** Cap on one input, so that a case is a case and not a bandwidth test. */
    static final int MAX_INPUT = 64 * 1024;
    private static final long[] EDGE_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
        Integer.MIN_VALUE, 0xFFFFFFFFL, 1L << 32, (1L << 32) - 1, 0x7FFFFFFF00000000L};
    private static final int[] EDGE_INTS = {0, 1, -1, 2, 3, 4, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF,
        512 * 1024, 512 * 1024 + 1, 1 << 20, (1 << 20) + 1, 1 << 30};

    private FuzzCases() {
    }

    /** What goes to the alg 3 election port: an initial message, then frames of notifications. */
    public static byte[] electionTcp(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return randomBytes(random);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, initialMessage(random));
        int frames = random.nextInt(4);
        for (int i = 0; i < frames; i++) {
            byte[] payload = notification(random);
            int length = random.nextInt(6) == 0 ? edgeInt(random) : payload.length;
            write(out, ByteBuffer.allocate(4).putInt(length).array());
            write(out, payload);
        }
        return mutate(random, out.toByteArray());
    }

    private static byte[] initialMessage(SplittableRandom random) {
        long sid = strangerSid(random);
        return switch (random.nextInt(5)) {
            case 0 -> ByteBuffer.allocate(8).putLong(sid).array();
            case 1, 2 -> {
                // Only port 1 or no port at all: a negative sid makes the peer dial back the address
                // it advertised, and the fuzzer must not aim our peers at whatever else listens here.
                byte[] address = (random.nextBoolean() ? "127.0.0.1:1" : randomText(random).replace(':', '_'))
                        .getBytes(StandardCharsets.UTF_8);
                long version = random.nextInt(3) == 0 ? edgeLong(random) : -65_536L + random.nextInt(2);
                int length = random.nextInt(5) == 0 ? edgeInt(random) : address.length;
                yield ByteBuffer.allocate(20 + address.length).putLong(version).putLong(sid).putInt(length)
                        .put(address).array();
            }
            case 3 -> ByteBuffer.allocate(20).putLong(-65_536L).putLong(sid).putInt(edgeInt(random)).array();
            default -> ByteBuffer.allocate(8).putLong(notMember(edgeLong(random))).array();
        };
    }

    /** Keeps an edge value off the members' sids 0..9. */
    private static long notMember(long sid) {
        return sid >= 0 && sid < 10 ? Long.MAX_VALUE - sid : sid;
    }

    /** A FastLeaderElection notification (28, 36, 40 or 44+N bytes) with edge values. */
    private static byte[] notification(SplittableRandom random) {
        int form = random.nextInt(4);
        int configLength = form == 3 ? random.nextInt(64) : 0;
        ByteBuffer b = ByteBuffer.allocate(new int[] {28, 36, 40, 44 + configLength}[form]);
        b.putInt(random.nextInt(3) == 0 ? edgeInt(random) : random.nextInt(5));
        b.putLong(random.nextBoolean() ? strangerSid(random) : edgeLong(random));
        b.putLong(edgeLong(random)).putLong(edgeLong(random));
        if (form >= 1) {
            b.putLong(edgeLong(random));
        }
        if (form >= 2) {
            b.putInt(random.nextInt(3) == 0 ? edgeInt(random) : random.nextInt(3));
        }
        if (form == 3) {
            b.putInt(random.nextInt(3) == 0 ? edgeInt(random) : configLength);
            byte[] config = new byte[configLength];
            random.nextBytes(config);
            b.put(config);
        }
        return b.array();
    }

    /** What goes to a client port: four-letter words, partial and long lines, a client handshake. */
    public static byte[] clientPort(SplittableRandom random) {
        String[] words = {"ruok", "srvr", "stat", "mntr", "conf", "cons", "dump", "envi", "wchs", "kill", "stmk"};
        byte[] input = switch (random.nextInt(5)) {
            case 0 -> words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
            case 1 -> (words[random.nextInt(words.length)] + "\n" + randomText(random)).getBytes(StandardCharsets.UTF_8);
            case 2 -> ByteBuffer.allocate(48).putInt(edgeInt(random)).putInt(0).putLong(edgeLong(random))
                    .putInt(edgeInt(random)).putLong(edgeLong(random)).putInt(edgeInt(random)).array();
            case 3 -> "x".repeat(random.nextInt(MAX_INPUT)).getBytes(StandardCharsets.US_ASCII);
            default -> randomBytes(random);
        };
        return mutate(random, input);
    }

    /** What goes to a leader's quorum port: jute QuorumPackets (no outer length) with edge values. */
    public static byte[] quorumPort(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return randomBytes(random);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int packets = 1 + random.nextInt(3);
        for (int i = 0; i < packets; i++) {
            write(out, quorumPacket(random));
        }
        return mutate(random, out.toByteArray());
    }

    private static byte[] quorumPacket(SplittableRandom random) {
        // FOLLOWERINFO 11, OBSERVERINFO 16, ACKEPOCH 18, ACK 3, PING 5, or anything.
        int[] types = {11, 16, 18, 3, 5, 12, 17, 19};
        int type = random.nextInt(4) == 0 ? edgeInt(random) : types[random.nextInt(types.length)];
        byte[] data;
        if (type == 11 || type == 16) {
            // LearnerInfo: sid, protocol version, optional config version.
            ByteBuffer info = ByteBuffer.allocate(random.nextBoolean() ? 12 : 20).putLong(strangerSid(random))
                    .putInt(random.nextBoolean() ? 0x10000 : edgeInt(random));
            if (info.remaining() == 8) {
                info.putLong(edgeLong(random));
            }
            data = info.array();
        } else if (type == 18) {
            data = ByteBuffer.allocate(4).putInt(edgeInt(random)).array();
        } else {
            data = new byte[random.nextInt(32)];
            random.nextBytes(data);
        }
        int dataLength = random.nextInt(5) == 0 ? edgeInt(random) : data.length;
        int auth = random.nextInt(5) == 0 ? edgeInt(random) : -1;
        return ByteBuffer.allocate(4 + 8 + 4 + data.length + 4).putInt(type).putLong(edgeLong(random))
                .putInt(dataLength).put(data).putInt(auth).array();
    }

    /** An alg 0 datagram to the quorum port's responder: a 4-byte xid request, or not. */
    public static byte[] legacyUdp(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> ByteBuffer.allocate(4).putInt(edgeInt(random)).array();
            case 1 -> ByteBuffer.allocate(36).putInt(edgeInt(random)).putLong(strangerSid(random))
                    .putLong(edgeLong(random)).putLong(edgeLong(random)).putLong(edgeLong(random)).array();
            case 2 -> Arrays.copyOf(ByteBuffer.allocate(4).putInt(random.nextInt()).array(), random.nextInt(9));
            default -> datagramBytes(random);
        };
    }

    /** An alg 1/2 datagram to the election port: 48-byte challenge requests, challenges, notifications, acks. */
    public static byte[] authUdp(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return datagramBytes(random);
        }
        ByteBuffer b = ByteBuffer.allocate(48)
                .putInt(random.nextInt(3) == 0 ? edgeInt(random) : random.nextInt(4))
                .putLong(edgeLong(random))
                .putInt(random.nextInt(3) == 0 ? edgeInt(random) : random.nextInt(4))
                .putLong(random.nextBoolean() ? strangerSid(random) : edgeLong(random))
                .putLong(edgeLong(random)).putLong(edgeLong(random)).putLong(edgeLong(random));
        byte[] message = b.array();
        return random.nextInt(3) == 0 ? Arrays.copyOf(message, random.nextInt(80)) : message;
    }

    /** Ids no ensemble member has: huge, negative, or just above the members'. */
    private static long strangerSid(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 10 + random.nextInt(1000);
            case 1 -> -1 - random.nextInt(1000);
            case 2 -> Long.MAX_VALUE - random.nextInt(2);
            default -> notMember(edgeLong(random));
        };
    }

    private static byte[] mutate(SplittableRandom random, byte[] input) {
        switch (random.nextInt(4)) {
            case 0 -> {
                return input.length == 0 ? input : Arrays.copyOf(input, random.nextInt(input.length));
            }
            case 1 -> {
                byte[] flipped = input.clone();
                for (int i = 0; i < 1 + random.nextInt(4) && flipped.length > 0; i++) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return flipped;
            }
            default -> {
                return input;
            }
        }
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(8) == 0 ? random.nextInt(MAX_INPUT) : random.nextInt(128)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] datagramBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(10) == 0 ? random.nextInt(9000) : random.nextInt(100)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static long edgeLong(SplittableRandom random) {
        return random.nextBoolean() ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong();
    }

    private static int edgeInt(SplittableRandom random) {
        return random.nextBoolean() ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
