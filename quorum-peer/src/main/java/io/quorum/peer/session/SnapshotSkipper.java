package io.quorum.peer.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads past the raw snapshot a leader writes after SNAP (PROTOCOL.md section 6.2, type 15), which
 * is not a QuorumPacket. We keep no data tree, so the bytes are parsed only far enough to find
 * where the stream ends, and discarded. The layout is ZooKeeper's wire snapshot (its {@code
 * serializeSnapshot}), the same in 3.4.14 and 3.9.5, see {@link SnapshotFormat}.
 *
 * <p>The stream is parsed record by record rather than scanned for the "BenWasHere" bytes: node
 * data is arbitrary and could contain the marker, so only the parse knows where the end is. The
 * parser is incremental: {@link #feed} consumes what it can and keeps its place, so a driver can
 * hand it whatever its socket read returned. It holds at most a few bytes of state and never
 * allocates for a length read from the network.
 */
public final class SnapshotSkipper {
    /** What {@link #feed} found. */
    public enum Progress { NEED_MORE, DONE, REJECTED }

    private enum Step { SESSION_COUNT, ACL_MAP_COUNT, ACL_ENTRY, ACL, ACL_ID, NODE_PATH, NODE_DATA, NODE_FIXED, SIGNATURE }

    private final int maxLength;
    private Step step = Step.SESSION_COUNT;
    private long skip;
    private int aclEntriesLeft;
    private int aclsLeft;
    private int idStringsLeft;
    private long nodes;
    private String rejection;

    /** A skipper that rejects any single string or buffer longer than {@code maxLength}. */
    public SnapshotSkipper(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Why the stream was rejected, once {@link #feed} returned {@link Progress#REJECTED}. */
    public String rejection() {
        return rejection;
    }

    /** How many data-tree nodes went past, for the trace. */
    public long nodes() {
        return nodes;
    }

    /**
     * Consumes bytes from {@code in}. A field split across reads is left in {@code in} (fewer than
     * 15 bytes): the driver keeps them and appends the next read, as for {@link
     * QuorumPacketCodec#decodeNext}. After {@link Progress#DONE} the position is just past the
     * signature, and the bytes after it are QuorumPackets again.
     */
    public Progress feed(ByteBuffer in) {
        if (rejection != null) {
            return Progress.REJECTED;
        }
        while (true) {
            if (skip > 0) {
                int n = (int) Math.min(skip, in.remaining());
                in.position(in.position() + n);
                skip -= n;
                if (skip > 0) {
                    return Progress.NEED_MORE;
                }
            }
            Progress progress = step(in);
            if (progress != null) {
                return progress;
            }
        }
    }

    /** One record or field; null to go on, a Progress to return. */
    private Progress step(ByteBuffer in) {
        switch (step) {
            case SESSION_COUNT -> {
                return count(in, "session count", n -> {
                    skip = 12L * n; // (long id, int timeout) pairs
                    step = Step.ACL_MAP_COUNT;
                });
            }
            case ACL_MAP_COUNT -> {
                return count(in, "ACL map size", n -> {
                    aclEntriesLeft = n;
                    step = Step.ACL_ENTRY;
                });
            }
            case ACL_ENTRY -> {
                return aclEntry(in);
            }
            case ACL -> {
                return acl(in);
            }
            case ACL_ID -> {
                return idString(in);
            }
            case NODE_PATH -> {
                return nodePath(in);
            }
            case NODE_DATA -> {
                return length(in, "node data", n -> {
                    skip = n;
                    step = Step.NODE_FIXED;
                });
            }
            case NODE_FIXED -> {
                skip = SnapshotFormat.NODE_FIXED_BYTES;
                nodes++;
                step = Step.NODE_PATH;
                return null;
            }
            case SIGNATURE -> {
                return signature(in);
            }
            default -> throw new IllegalStateException(step.name());
        }
    }

    private Progress aclEntry(ByteBuffer in) {
        if (aclEntriesLeft == 0) {
            step = Step.NODE_PATH;
            return null;
        }
        if (in.remaining() < 12) {
            return Progress.NEED_MORE;
        }
        in.getLong(); // the ACL list's key
        int count = in.getInt();
        if (count < -1) {
            return reject("ACL vector count " + count);
        }
        aclEntriesLeft--;
        aclsLeft = Math.max(0, count);
        step = Step.ACL;
        return null;
    }

    private Progress acl(ByteBuffer in) {
        if (aclsLeft == 0) {
            step = Step.ACL_ENTRY;
            return null;
        }
        if (in.remaining() < 4) {
            return Progress.NEED_MORE;
        }
        in.getInt(); // perms; an Id (ustring scheme, ustring id) follows
        aclsLeft--;
        idStringsLeft = 2;
        step = Step.ACL_ID;
        return null;
    }

    private Progress idString(ByteBuffer in) {
        if (idStringsLeft == 0) {
            step = Step.ACL;
            return null;
        }
        return length(in, "ACL id string", n -> {
            skip = n;
            idStringsLeft--;
        });
    }

    private Progress nodePath(ByteBuffer in) {
        if (in.remaining() < 4) {
            return Progress.NEED_MORE;
        }
        int length = in.getInt(in.position());
        // The path "/" ends the tree: real nodes are written as "" (the root) and "/a/b".
        if (length == 1) {
            if (in.remaining() < 5) {
                return Progress.NEED_MORE;
            }
            if (in.get(in.position() + 4) == '/') {
                in.position(in.position() + 5);
                step = Step.SIGNATURE;
                return null;
            }
        }
        return length(in, "node path", n -> {
            skip = n;
            step = Step.NODE_DATA;
        });
    }

    private Progress signature(ByteBuffer in) {
        byte[] expected = SnapshotFormat.SIGNATURE.getBytes(StandardCharsets.UTF_8);
        if (in.remaining() < 4 + expected.length) {
            return Progress.NEED_MORE;
        }
        int length = in.getInt();
        byte[] actual = new byte[expected.length];
        in.get(actual);
        if (length != expected.length || !java.util.Arrays.equals(actual, expected)) {
            return reject("snapshot not followed by the signature " + SnapshotFormat.SIGNATURE);
        }
        return Progress.DONE;
    }

    /** Reads a non-negative int count. */
    private Progress count(ByteBuffer in, String what, java.util.function.IntConsumer then) {
        if (in.remaining() < 4) {
            return Progress.NEED_MORE;
        }
        int n = in.getInt();
        if (n < 0) {
            return reject(what + " " + n);
        }
        then.accept(n);
        return null;
    }

    /** Reads a jute buffer/ustring length: -1 (null) or 0..maxLength; hands on the bytes to skip. */
    private Progress length(ByteBuffer in, String what, java.util.function.IntConsumer then) {
        if (in.remaining() < 4) {
            return Progress.NEED_MORE;
        }
        int n = in.getInt();
        if (n < -1 || n > maxLength) {
            return reject(what + " length " + n + " outside [-1, " + maxLength + "]");
        }
        then.accept(Math.max(0, n));
        return null;
    }

    private Progress reject(String reason) {
        rejection = reason;
        return Progress.REJECTED;
    }
}
