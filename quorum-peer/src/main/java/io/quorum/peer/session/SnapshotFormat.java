package io.quorum.peer.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * ZooKeeper's wire snapshot, the bytes a leader writes right after a SNAP packet (PROTOCOL.md
 * section 6.2, type 15), in jute:
 *
 * <ol>
 *   <li>sessions: int count, then (long sessionId, int timeout) pairs;
 *   <li>the ACL cache: int count, then (long key, vector&lt;ACL&gt;) entries, where ACL = (int
 *       perms, ustring scheme, ustring id);
 *   <li>the nodes, parents first: ustring path ("" for the root, then "/zookeeper" ...), and the
 *       node record: buffer data, long acl key, and the 60-byte StatPersisted (czxid, mzxid, ctime,
 *       mtime: long; version, cversion, aversion: int; ephemeralOwner, pzxid: long);
 *   <li>the path "/", which no node has, ending the tree;
 *   <li>the ustring signature "BenWasHere".
 * </ol>
 *
 * The same layout is written by 3.4.14 and 3.9.5 leaders (the 3.6+ digest goes to snapshot files
 * only, not to the wire). {@link #emptyTree} is what our leader sends a learner it cannot DIFF.
 */
public final class SnapshotFormat {
    /** The signature after the snapshot; a learner rejects a stream without it. */
    public static final String SIGNATURE = "BenWasHere";
    /** Bytes of a node record after its data: the long ACL key and the StatPersisted. */
    static final int NODE_FIXED_BYTES = 8 + 60;
    /** The ACL-cache key ZooKeeper reserves for OPEN_ACL_UNSAFE; it needs no cache entry. */
    static final long OPEN_ACL_UNSAFE = -1L;

    private SnapshotFormat() {
    }

    /**
     * The snapshot of a fresh ZooKeeper data tree: no sessions, no cached ACLs, and the nodes every
     * server creates at start ("", "/zookeeper", "/zookeeper/quota") with empty data, the open ACL
     * and zero stats; then "/" and the signature. A real follower that loads it has the same tree
     * a fresh server has (3.9.5 adds "/zookeeper/config" from its own configuration).
     */
    public static byte[] emptyTree() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, ByteBuffer.allocate(8).putInt(0).putInt(0)); // no sessions, no ACL lists
        for (String path : new String[] {"", "/zookeeper", "/zookeeper/quota"}) {
            writeString(out, path);
            ByteBuffer node = ByteBuffer.allocate(4 + NODE_FIXED_BYTES);
            node.putInt(0).putLong(OPEN_ACL_UNSAFE); // empty data; the 60 stat bytes stay zero
            write(out, node);
        }
        writeString(out, "/");
        writeString(out, SIGNATURE);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes));
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer buffer) {
        out.write(buffer.array(), 0, buffer.capacity());
    }
}
