package io.quorum.peer.session;

import io.quorum.api.Zxid;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ZooKeeper's {@code QuorumPacket} record (PROTOCOL.md section 6.1) without its {@code authinfo}
 * vector, which is always null on a quorum connection. The type is kept as the raw number so that
 * a packet of a type we do not know still decodes and the core decides what to do with it.
 *
 * @param type the packet type's wire number, see {@link PacketType}
 * @param zxid the zxid field; its meaning depends on the type (section 6.2)
 * @param data the data buffer, or null (encoded as length -1, which is not the same as empty)
 */
public record QuorumPacket(int type, long zxid, byte[] data) {

    public QuorumPacket {
        data = data == null ? null : data.clone();
    }

    /** A packet of a known type. */
    public static QuorumPacket of(PacketType type, long zxid, byte[] data) {
        return new QuorumPacket(type.wire(), zxid, data);
    }

    /** A packet of a known type whose data is one jute int (LEADERINFO, ACKEPOCH). */
    public static QuorumPacket withInt(PacketType type, long zxid, int value) {
        return of(type, zxid, ByteBuffer.allocate(4).putInt(value).array());
    }

    /** A copy of the data, or null. */
    @Override
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /** The data's length, or -1 for null, as jute writes it. */
    public int dataLength() {
        return data == null ? -1 : data.length;
    }

    /** Whether this packet is of the given type. */
    public boolean is(PacketType expected) {
        return type == expected.wire();
    }

    /** The data as one jute int, if it is exactly 4 bytes long. */
    public java.util.OptionalInt dataAsInt() {
        return data != null && data.length == 4
                ? java.util.OptionalInt.of(ByteBuffer.wrap(data).getInt())
                : java.util.OptionalInt.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuorumPacket that && type == that.type && zxid == that.zxid
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return (31 * type + Long.hashCode(zxid)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return PacketType.describe(type) + "(zxid " + Zxid.toHex(zxid) + ", data "
                + (data == null ? "null" : data.length + " bytes") + ")";
    }
}
