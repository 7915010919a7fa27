package io.quorum.peer.sim;

import io.quorum.api.Zxid;
import io.quorum.peer.persist.TxnLog;
import io.quorum.peer.persist.TxnRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's transaction log as the simulator keeps it: the zxid of the snapshot it starts from and
 * the records after it, all durable once a call returns. We keep no data tree, so records carry
 * no payload; what matters is the last zxid, which the peer's votes and handshakes are made of.
 */
public final class SimTxnLog implements TxnLog {
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final String location;
    private final List<Long> zxids = new ArrayList<>();
    private long snapshotZxid;

    /** A log whose history ends at {@code lastZxid} (held as a snapshot). */
    public SimTxnLog(String location, long lastZxid) {
        this.location = location;
        this.snapshotZxid = lastZxid;
    }

    @Override
    public long lastZxid() {
        return zxids.isEmpty() ? snapshotZxid : zxids.get(zxids.size() - 1);
    }

    @Override
    public void append(long zxid, byte[] payload) {
        if (zxid <= lastZxid()) {
            throw new IllegalArgumentException("zxid " + Zxid.toHex(zxid) + " is not after " + Zxid.toHex(lastZxid()));
        }
        zxids.add(zxid);
    }

    /** TRUNC: every record above {@code zxid} goes. */
    @Override
    public void truncateAfter(long zxid) {
        zxids.removeIf(z -> z > zxid);
        snapshotZxid = Math.min(snapshotZxid, zxid);
    }

    /** SNAP: the log starts again from the leader's state at {@code zxid}. */
    void restartAt(long zxid) {
        zxids.clear();
        snapshotZxid = zxid;
    }

    @Override
    public List<TxnRecord> readAfter(long zxid) {
        List<TxnRecord> out = new ArrayList<>();
        for (long z : zxids) {
            if (z > zxid) {
                out.add(new TxnRecord(z, NO_PAYLOAD));
            }
        }
        return out;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "snapshot " + Zxid.toHex(snapshotZxid) + " + " + zxids.size() + " records, last " + Zxid.toHex(lastZxid());
    }
}
