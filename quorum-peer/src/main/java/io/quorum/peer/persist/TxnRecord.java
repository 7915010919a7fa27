package io.quorum.peer.persist;

import io.quorum.api.Zxid;
import java.util.Arrays;

/** One transaction read back from the log: its zxid and its opaque payload. */
public record TxnRecord(long zxid, byte[] payload) {

    public TxnRecord {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxnRecord that && zxid == that.zxid && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(zxid) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "TxnRecord[zxid=" + Zxid.toHex(zxid) + ", " + payload.length + " bytes]";
    }
}
