package io.quorum.election.fast;

import io.quorum.api.election.DecodeResult;
import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.ServerState;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Garbage, truncation and the per-length decisions documented on {@link NotificationCodec}
 * (PROTOCOL.md section 3.3): decoding never throws, and each length gets the decision we chose.
 */
class NotificationCodecGarbageTest {
    private static final long SEED = 0x5eed_c0de_f1e5L;
    private static final ConfigData CONFIG = ConfigData.ofText("server.1=h:1:2:participant");
    /** A version-2 message of exactly 44 + 26 = 70 bytes, so every prefix up to 60 is a truncation. */
    private static final Notification V2 = Notification.withConfig(ServerState.FOLLOWING, 2, 0x100000006L, 3, 1, CONFIG);

    static IntStream lengths() {
        return IntStream.rangeClosed(0, 60);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void randomBytesOfEveryLengthNeverThrow(int length) {
        Random random = new Random(SEED + length);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = plausible(random, length);
            assertThatCode(() -> checkStable(bytes)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void truncatedVersion2MessageGetsTheDocumentedDecision(int length) {
        byte[] prefix = Arrays.copyOf(NotificationCodec.encode(V2), length);
        DecodeResult<Notification> result = NotificationCodec.decode(prefix);

        Optional<NotificationFormat> expected = switch (length) {
            case 28 -> Optional.of(NotificationFormat.LEGACY_28);
            case 36 -> Optional.of(NotificationFormat.PEER_EPOCH_36);
            // A 40-byte message is the 40-byte form whatever its version says.
            case 40 -> Optional.of(NotificationFormat.VERSIONED_40);
            default -> Optional.empty();
        };
        assertThat(result.toOptional().map(Notification::format)).isEqualTo(expected);
        if (result instanceof DecodeResult.Decoded<Notification> decoded) {
            Notification n = decoded.message();
            assertThat(n.leader()).isEqualTo(2);
            assertThat(n.electionEpoch()).isEqualTo(3);
            // The 40-byte form keeps the version as written, as 3.4.14 reads it.
            assertThat(n.version()).isEqualTo(length == 40 ? 2 : 0);
            // zxid 0x100000006 has epoch 1, so the 28-byte derivation agrees with the peerEpoch sent.
            assertThat(n.peerEpoch()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void truncatedCapturedMessagesNeverThrow(int length) {
        for (String name : GoldenVectors.names("fle-")) {
            byte[] payload = GoldenVectors.load(name).framePayload();
            byte[] prefix = Arrays.copyOf(payload, Math.min(length, payload.length));
            assertThatCode(() -> checkStable(prefix)).as(name).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 30, 31, 32, 33, 34, 35, 37, 38, 39})
    void lengthsNoReleaseSendsAreRejected(int length) {
        // 29-35 is where 3.4.14's receive thread dies (section 0 item 3); we drop, as 3.9.5 does.
        byte[] bytes = Arrays.copyOf(NotificationCodec.encode(versioned40()), length);

        assertThat(NotificationCodec.decode(bytes)).isInstanceOf(DecodeResult.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {41, 42, 43, 44, 60})
    void version1WithTrailingBytesIsReadAsTheFortyByteForm(int length) {
        byte[] bytes = Arrays.copyOf(NotificationCodec.encode(versioned40()), length);
        Arrays.fill(bytes, 40, length, (byte) 0x7f);

        assertThat(NotificationCodec.decode(bytes).toOptional()).contains(versioned40());
    }

    @ParameterizedTest
    @ValueSource(ints = {41, 42, 43})
    void version2WithoutRoomForAConfigLengthIsRejected(int length) {
        byte[] bytes = Arrays.copyOf(NotificationCodec.encode(V2), length);

        assertThat(NotificationCodec.decode(bytes)).isInstanceOf(DecodeResult.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -186, Integer.MIN_VALUE, 27, 1000, Integer.MAX_VALUE})
    void configLengthThatIsNegativeOrRunsPastTheEndIsRejected(int configLength) {
        byte[] bytes = NotificationCodec.encode(V2);
        ByteBuffer.wrap(bytes).putInt(40, configLength);

        assertThat(NotificationCodec.decode(bytes))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).contains("config length"));
    }

    @Test
    void emptyConfigIsAccepted() {
        Notification empty = Notification.withConfig(ServerState.LOOKING, 1, 0, 1, 0, ConfigData.ofBytes(new byte[0]));
        byte[] bytes = NotificationCodec.encode(empty);

        assertThat(bytes).hasSize(44);
        assertThat(NotificationCodec.decode(bytes).toOptional()).contains(empty);
    }

    @Test
    void bytesAfterTheConfigAreIgnored() {
        byte[] bytes = Arrays.copyOf(NotificationCodec.encode(V2), 44 + CONFIG.length() + 5);

        assertThat(NotificationCodec.decode(bytes).toOptional()).contains(V2);
    }

    @Test
    void malformedUtf8ConfigStillDecodesAndRoundTrips() {
        // 3.9.5 logs a config it cannot parse and still processes the notification (section 3.2).
        Notification n = Notification.withConfig(ServerState.LOOKING, 1, 0, 1, 0,
                ConfigData.ofBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff}));
        byte[] bytes = NotificationCodec.encode(n);

        assertThat(NotificationCodec.decode(bytes).toOptional()).contains(n);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void unknownStateIsRejectedAtEveryLength(int state) {
        byte[] full = NotificationCodec.encode(V2);
        for (int length : new int[] {28, 36, 40, 41, full.length}) {
            byte[] bytes = Arrays.copyOf(full, length);
            ByteBuffer.wrap(bytes).putInt(0, state);
            assertThat(NotificationCodec.decode(bytes))
                    .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).contains("state"));
        }
    }

    @Test
    void decodingABufferReadsItsRemainingBytesAndLeavesItsPositionAlone() {
        byte[] payload = NotificationCodec.encode(V2);
        ByteBuffer buffer = ByteBuffer.allocate(payload.length + 7);
        buffer.position(3);
        buffer.put(payload).flip().position(3);

        assertThat(NotificationCodec.decode(buffer).toOptional()).contains(V2);
        assertThat(buffer.position()).isEqualTo(3);
    }

    @Test
    void constructorRefusesWhatAFormatCannotCarry() {
        assertThatThrownBy(() -> new Notification(NotificationFormat.LEGACY_28, ServerState.LOOKING, 1,
                0x200000000L, 1, 1, 0, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notification(NotificationFormat.VERSIONED_40, ServerState.LOOKING, 1, 0, 1, 0,
                1, Optional.of(CONFIG))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notification(NotificationFormat.CONFIG_V2, ServerState.LOOKING, 1, 0, 1, 0,
                1, Optional.of(CONFIG))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notification(NotificationFormat.PEER_EPOCH_36, ServerState.LOOKING, 1, 0, 1, 0,
                1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Notification versioned40() {
        return Notification.versioned40(ServerState.LEADING, 2, 0x100000000L, 1, 1);
    }

    /**
     * Random bytes, but with a valid state and a small version and config length most of the time,
     * so that decoding gets past the first checks instead of rejecting almost everything at offset 0.
     */
    private static byte[] plausible(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (length >= 4 && random.nextInt(4) != 0) {
            buffer.putInt(0, random.nextInt(4));
        }
        if (length >= 40 && random.nextBoolean()) {
            buffer.putInt(36, random.nextInt(4));
        }
        if (length >= 44 && random.nextBoolean()) {
            buffer.putInt(40, random.nextInt(length - 40) - 2);
        }
        return bytes;
    }

    /** Decodes; a decoded message must re-encode to bytes that decode to the same message. */
    private static void checkStable(byte[] bytes) {
        DecodeResult<Notification> result = NotificationCodec.decode(bytes);
        if (result instanceof DecodeResult.Decoded<Notification> decoded) {
            byte[] again = NotificationCodec.encode(decoded.message());
            assertThat(NotificationCodec.decode(again).toOptional()).contains(decoded.message());
            assertThat(again.length).isLessThanOrEqualTo(bytes.length);
        } else {
            assertThat(((DecodeResult.Rejected<Notification>) result).reason()).isNotBlank();
        }
    }
}
