package io.quorum.api;

/**
 * ZooKeeper transaction ids: a 64-bit value whose high 32 bits are the leader epoch and whose low
 * 32 bits count the transactions proposed in that epoch. Pure arithmetic on {@code long}s, so
 * that zxids travel as primitives on hot paths.
 */
public final class Zxid {
    /** The zxid of a fresh data directory: epoch 0, counter 0. */
    public static final long ZERO = 0L;
    /** What ZooKeeper sends where there is no zxid (and in UPTODATE). */
    public static final long NONE = -1L;
    /** The zxid an observer puts in its election vote, so that it never wins. */
    public static final long OBSERVER_VOTE = Long.MIN_VALUE;

    private static final long COUNTER_MASK = 0xFFFF_FFFFL;

    private Zxid() {
    }

    /** The zxid with the given epoch and counter; the counter is truncated to 32 bits. */
    public static long of(long epoch, long counter) {
        return (epoch << 32) | (counter & COUNTER_MASK);
    }

    /** The epoch of a zxid: an arithmetic shift, as ZooKeeper does, so -1 has epoch -1. */
    public static long epochOf(long zxid) {
        return zxid >> 32;
    }

    /** The counter of a zxid, as an unsigned 32-bit value. */
    public static long counterOf(long zxid) {
        return zxid & COUNTER_MASK;
    }

    /** The first zxid of an epoch, the one a new leader starts from. */
    public static long firstOfEpoch(long epoch) {
        return of(epoch, 0);
    }

    /** The zxid after this one in the same epoch; an exhausted counter is an error, not a wrap. */
    public static long next(long zxid) {
        if (counterOf(zxid) == COUNTER_MASK) {
            throw new IllegalStateException("zxid counter exhausted in epoch " + epochOf(zxid));
        }
        return zxid + 1;
    }

    /** {@code 0x} followed by lower-case hex without leading zeros, as ZooKeeper logs zxids. */
    public static String toHex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }

    /** Parses {@code 0x}-prefixed or bare hex, the form used in log and snapshot file names. */
    public static long parseHex(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return Long.parseUnsignedLong(digits, 16);
    }
}
