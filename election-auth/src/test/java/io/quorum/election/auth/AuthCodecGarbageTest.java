package io.quorum.election.auth;

import io.quorum.api.election.DecodeResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.quorum.api.ServerState;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every length of garbage and truncation gets the decision documented on {@link AuthCodec}. */
class AuthCodecGarbageTest {
    private static final long SEED = 0xa07_4e11L;
    private static final List<AuthMessage> SAMPLES = List.of(
            new AuthMessage.ChallengeRequest(9, ServerState.LOOKING),
            new AuthMessage.Challenge(9, ServerState.FOLLOWING, 0x109a7fcdL),
            new AuthMessage.Notification(9, ServerState.LOOKING, 3, 0x100000006L, 2, 0x109a7fcdL),
            new AuthMessage.Ack(9, ServerState.LEADING, 3, 0x100000006L, 2));

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
    void onlyExactly48BytesDecode(int length) {
        for (AuthMessage sample : SAMPLES) {
            byte[] bytes = Arrays.copyOf(AuthCodec.encode(sample), length);
            DecodeResult<AuthMessage> result = AuthCodec.decode(bytes);
            if (length == AuthCodec.LENGTH) {
                assertThat(result.toOptional()).contains(sample);
            } else {
                assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void unknownTypeIsRejected(int type) {
        byte[] bytes = AuthCodec.encode(SAMPLES.get(2));
        ByteBuffer.wrap(bytes).putInt(0, type);

        assertThat(AuthCodec.decode(bytes))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).contains("type"));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void unknownStateIsRejected(int state) {
        byte[] bytes = AuthCodec.encode(SAMPLES.get(3));
        ByteBuffer.wrap(bytes).putInt(12, state);

        assertThat(AuthCodec.decode(bytes))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).contains("state"));
    }

    @Test
    void anObserversAckDecodesInsteadOfKillingTheReceiver() {
        // 3.4.14's receive thread dies on state 3 (section 5.1); we decode it and let the core judge.
        AuthMessage ack = new AuthMessage.Ack(1, ServerState.OBSERVING, 2, 0, 2);

        assertThat(AuthCodec.decode(AuthCodec.encode(ack)).toOptional()).contains(ack);
        assertThat(AuthCodec.stateAsRead3414(ServerState.OBSERVING)).isEmpty();
    }

    @Test
    void the3414ReceiverSwapsFollowingAndLeadingOnly() {
        assertThat(AuthCodec.stateAsRead3414(ServerState.LOOKING)).contains(ServerState.LOOKING);
        assertThat(AuthCodec.stateAsRead3414(ServerState.FOLLOWING)).contains(ServerState.LEADING);
        assertThat(AuthCodec.stateAsRead3414(ServerState.LEADING)).contains(ServerState.FOLLOWING);
    }

    @Test
    void bytesATypeDoesNotUseAreIgnoredAndEncodedAsZero() {
        byte[] bytes = AuthCodec.encode(SAMPLES.get(1));
        Arrays.fill(bytes, 24, 48, (byte) 0x5a);
        AuthMessage decoded = AuthCodec.decode(bytes).toOptional().orElseThrow();

        assertThat(decoded).isEqualTo(SAMPLES.get(1));
        assertThat(Arrays.copyOfRange(AuthCodec.encode(decoded), 24, 48)).containsOnly(0);
    }

    @Test
    void decodingABufferReadsItsRemainingBytesAndLeavesItsPositionAlone() {
        ByteBuffer buffer = ByteBuffer.allocate(60).position(5).put(AuthCodec.encode(SAMPLES.get(0))).flip().position(5);

        assertThat(AuthCodec.decode(buffer).toOptional()).contains(SAMPLES.get(0));
        assertThat(buffer.position()).isEqualTo(5);
    }

    /** Random bytes with a valid type and state most of the time, to reach the body decoding. */
    private static byte[] plausible(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length >= 16 && random.nextInt(4) != 0) {
            ByteBuffer.wrap(bytes).putInt(0, random.nextInt(4)).putInt(12, random.nextInt(4));
        }
        return bytes;
    }

    private static void checkStable(byte[] bytes) {
        DecodeResult<AuthMessage> result = AuthCodec.decode(bytes);
        if (bytes.length != AuthCodec.LENGTH) {
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        }
        result.toOptional().ifPresent(message ->
                assertThat(AuthCodec.decode(AuthCodec.encode(message)).toOptional()).contains(message));
    }
}
