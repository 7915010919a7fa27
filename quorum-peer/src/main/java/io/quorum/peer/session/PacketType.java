package io.quorum.peer.session;

import java.util.Optional;

/**
 * The {@code type} numbers of a {@link QuorumPacket} (PROTOCOL.md section 6.2). The numbers are
 * the same in ZooKeeper 3.4.14 and 3.9.5; 9 and 19 exist only from 3.5 on.
 */
public enum PacketType {
    REQUEST(1),
    PROPOSAL(2),
    ACK(3),
    COMMIT(4),
    PING(5),
    REVALIDATE(6),
    SYNC(7),
    INFORM(8),
    COMMITANDACTIVATE(9),
    NEWLEADER(10),
    FOLLOWERINFO(11),
    UPTODATE(12),
    DIFF(13),
    TRUNC(14),
    SNAP(15),
    OBSERVERINFO(16),
    LEADERINFO(17),
    ACKEPOCH(18),
    INFORMANDACTIVATE(19);

    private static final PacketType[] BY_WIRE = new PacketType[20];

    static {
        for (PacketType type : values()) {
            BY_WIRE[type.wire] = type;
        }
    }

    private final int wire;

    PacketType(int wire) {
        this.wire = wire;
    }

    /** The number on the wire. */
    public int wire() {
        return wire;
    }

    /** The type with that number, or empty for a number ZooKeeper does not define. */
    public static Optional<PacketType> fromWire(int wire) {
        return wire > 0 && wire < BY_WIRE.length ? Optional.ofNullable(BY_WIRE[wire]) : Optional.empty();
    }

    /** The name for traces: the type's name, or the bare number when it is unknown. */
    public static String describe(int wire) {
        return fromWire(wire).map(Enum::name).orElse("type " + wire);
    }
}
