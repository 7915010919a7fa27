package io.quorum.election.fast;

import io.quorum.api.election.DecodeResult;
import io.quorum.api.ServerState;
import io.quorum.api.Zxid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes and encodes FastLeaderElection notification payloads (PROTOCOL.md sections 3.1 to
 * 3.3). The payload is what follows the 4-byte frame length (section 2.4); framing belongs to the
 * transport. Pure and stateless: no exception escapes {@link #decode} whatever the bytes.
 *
 * <p>Receivers tell the formats apart by length alone. 3.4.14 and 3.9.5 disagree on some lengths
 * (section 3.3); we follow 3.9.5, the stricter receiver, except where a released sender would be
 * cut off or misread:
 *
 * <table>
 * <caption>Decoding by payload length</caption>
 * <tr><th>Bytes</th><th>We</th><th>Why</th></tr>
 * <tr><td>0-27</td><td>reject</td><td>both receivers drop it</td></tr>
 * <tr><td>28</td><td>accept, peerEpoch = zxid &gt;&gt; 32, version 0</td><td>both accept (3.3.x)</td></tr>
 * <tr><td>29-35</td><td>reject</td><td>3.9.5 drops it; 3.4.14's receive thread dies here, the bug
 *     we must not repeat (section 0 item 3)</td></tr>
 * <tr><td>36</td><td>accept, version 0</td><td>as 3.4.14 does: it is a complete 3.4.0-3.4.5 vote.
 *     3.9.5 drops it only because it reads a version that is not there, which strands a 3.4.5 peer
 *     in LOOKING (section 3.10)</td></tr>
 * <tr><td>37-39</td><td>reject</td><td>no release sends it; 3.9.5 drops it</td></tr>
 * <tr><td>40</td><td>accept, version as written (1 from 3.4.14)</td><td>as 3.4.14 does. 3.9.5
 *     ignores the int and sees version 0 ("backward compatibility mode"), but the 40-byte senders
 *     (3.4.6-3.4.14) do update peerEpoch after an election (section 3.8), which is what a version
 *     above 0 tells the vote comparison of section 3.6 step 9. The format is kept in
 *     {@link Notification#format()}, so a core can still apply the 3.9.5 reading</td></tr>
 * <tr><td>41+, version &lt;= 1</td><td>accept as the 40-byte form, rest ignored</td><td>both
 *     receivers accept it and ignore what follows the version</td></tr>
 * <tr><td>41-43, version &gt;= 2</td><td>reject</td><td>the config length is missing; 3.9.5
 *     drops it</td></tr>
 * <tr><td>44+N+, version &gt;= 2</td><td>accept with config; bytes after the config ignored</td>
 *     <td>as 3.9.5 does, which leaves room for fields a later release may append. A negative
 *     config length, or one that runs past the end, is rejected, as 3.9.5 does</td></tr>
 * </table>
 *
 * <p>A state value outside 0..3 is rejected at every length (section 3.3).
 */
public final class NotificationCodec {
    private static final int STATE_OFFSET = 0;
    private static final int LEADER_OFFSET = 4;
    private static final int ZXID_OFFSET = 12;
    private static final int ELECTION_EPOCH_OFFSET = 20;
    private static final int PEER_EPOCH_OFFSET = 28;
    private static final int VERSION_OFFSET = 36;
    private static final int CONFIG_LENGTH_OFFSET = 40;
    private static final int CONFIG_OFFSET = 44;

    private NotificationCodec() {
    }

    /** Decodes a whole payload. */
    public static DecodeResult<Notification> decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /** Decodes the remaining bytes of {@code payload}; its position and limit are not changed. */
    public static DecodeResult<Notification> decode(ByteBuffer payload) {
        ByteBuffer in = payload.slice().order(ByteOrder.BIG_ENDIAN);
        int length = in.remaining();
        if (length < NotificationFormat.LEGACY_28.fixedLength()) {
            return DecodeResult.rejected("short notification: " + length + " bytes, at least 28 needed");
        }
        int stateValue = in.getInt(STATE_OFFSET);
        Optional<ServerState> state = ServerState.fromWire(stateValue);
        if (state.isEmpty()) {
            return DecodeResult.rejected("unknown state " + stateValue + " (0..3 expected)");
        }
        return decodeByLength(in, new Head(state.get(), in.getLong(LEADER_OFFSET), in.getLong(ZXID_OFFSET),
                in.getLong(ELECTION_EPOCH_OFFSET)));
    }

    /** The fields every format starts with. */
    private record Head(ServerState state, long leader, long zxid, long electionEpoch) {
        Notification with(NotificationFormat format, long peerEpoch, int version, Optional<ConfigData> config) {
            return new Notification(format, state, leader, zxid, electionEpoch, peerEpoch, version, config);
        }
    }

    private static DecodeResult<Notification> decodeByLength(ByteBuffer in, Head head) {
        int length = in.remaining();
        if (length == NotificationFormat.LEGACY_28.fixedLength()) {
            // 3.3.x has no peerEpoch; both receivers derive it from the zxid (section 3.3).
            return DecodeResult.decoded(head.with(NotificationFormat.LEGACY_28, Zxid.epochOf(head.zxid()), 0,
                    Optional.empty()));
        }
        if (length < NotificationFormat.PEER_EPOCH_36.fixedLength()) {
            return DecodeResult.rejected(length + " bytes: peerEpoch is cut short (no release sends 29-35)");
        }
        long peerEpoch = in.getLong(PEER_EPOCH_OFFSET);
        if (length == NotificationFormat.PEER_EPOCH_36.fixedLength()) {
            return DecodeResult.decoded(head.with(NotificationFormat.PEER_EPOCH_36, peerEpoch, 0, Optional.empty()));
        }
        if (length < NotificationFormat.VERSIONED_40.fixedLength()) {
            return DecodeResult.rejected(length + " bytes: version is cut short (no release sends 37-39)");
        }
        int version = in.getInt(VERSION_OFFSET);
        if (version < Notification.VERSION_CONFIG) {
            return DecodeResult.decoded(head.with(NotificationFormat.VERSIONED_40, peerEpoch, version,
                    Optional.empty()));
        }
        if (length == NotificationFormat.VERSIONED_40.fixedLength()) {
            // Exactly 40 bytes never carries a config, whatever the version says (section 3.3).
            return DecodeResult.decoded(head.with(NotificationFormat.VERSIONED_40, peerEpoch, version,
                    Optional.empty()));
        }
        return decodeConfig(in, version).map(config ->
                head.with(NotificationFormat.CONFIG_V2, peerEpoch, version, Optional.of(config)));
    }

    private static DecodeResult<ConfigData> decodeConfig(ByteBuffer in, int version) {
        int length = in.remaining();
        if (length < CONFIG_OFFSET) {
            return DecodeResult.rejected(length + " bytes: version " + version
                    + " needs a config length at offset 40");
        }
        int configLength = in.getInt(CONFIG_LENGTH_OFFSET);
        if (configLength < 0) {
            return DecodeResult.rejected("negative config length " + configLength);
        }
        if (configLength > length - CONFIG_OFFSET) {
            return DecodeResult.rejected("config length " + configLength + " runs past the end: only "
                    + (length - CONFIG_OFFSET) + " bytes follow");
        }
        byte[] config = new byte[configLength];
        in.get(CONFIG_OFFSET, config);
        return DecodeResult.decoded(ConfigData.wrap(config));
    }

    /** The payload bytes of {@code notification} in its own format. */
    public static byte[] encode(Notification notification) {
        int configLength = notification.config().map(ConfigData::length).orElse(0);
        ByteBuffer out = ByteBuffer.allocate(notification.format().fixedLength() + configLength);
        out.putInt(notification.state().wireValue())
                .putLong(notification.leader())
                .putLong(notification.zxid())
                .putLong(notification.electionEpoch());
        NotificationFormat format = notification.format();
        if (format != NotificationFormat.LEGACY_28) {
            out.putLong(notification.peerEpoch());
        }
        if (format == NotificationFormat.VERSIONED_40 || format == NotificationFormat.CONFIG_V2) {
            out.putInt(notification.version());
        }
        notification.config().ifPresent(config -> {
            out.putInt(config.length());
            config.writeTo(out);
        });
        return out.array();
    }
}
