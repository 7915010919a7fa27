package io.quorum.election.legacy;

import io.quorum.api.election.DecodeResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every length of garbage and truncation gets the decision documented on {@link LegacyCodec}. */
class LegacyCodecGarbageTest {
    private static final long SEED = 0x1e6a_c7L;
    private static final LegacyResponse RESPONSE = new LegacyResponse(0xb9b76378, 2, 2, 0x100000000L);

    static IntStream lengths() {
        return IntStream.rangeClosed(0, 60);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void randomBytesOfEveryLengthNeverThrowAndGetTheDocumentedDecision(int length) {
        Random random = new Random(SEED + length);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThatCode(() -> {
                assertThat(LegacyCodec.decodeRequest(bytes).isDecoded()).isEqualTo(length == 4);
                assertThat(LegacyCodec.decodeResponse(bytes).isDecoded()).isEqualTo(length >= 28);
            }).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void truncatedResponseIsRejectedBelow28Bytes(int length) {
        byte[] full = Arrays.copyOf(LegacyCodec.encodeResponse(RESPONSE), 60);
        DecodeResult<LegacyResponse> result = LegacyCodec.decodeResponse(Arrays.copyOf(full, length));

        if (length < LegacyCodec.RESPONSE_READ_LENGTH) {
            assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                    r -> assertThat(r.reason()).contains("short response"));
        } else {
            assertThat(result.toOptional()).contains(RESPONSE);
        }
    }

    @Test
    void staleBytesAfterTheVoteAreIgnored() {
        // A 3.4.14 responder never writes bytes 28..35 (section 4); they may hold anything.
        byte[] bytes = LegacyCodec.encodeResponse(RESPONSE);
        Arrays.fill(bytes, 28, 36, (byte) 0xee);

        assertThat(LegacyCodec.decodeResponse(bytes).toOptional()).contains(RESPONSE);
    }

    @Test
    void requestOfAnyOtherLengthIsRejected() {
        // The 3.4.14 responder logs "Got more than just an xid" and ignores such requests (section 4).
        byte[] longer = Arrays.copyOf(LegacyCodec.encodeRequest(new LegacyRequest(7)), 5);

        assertThat(LegacyCodec.decodeRequest(longer)).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(LegacyCodec.decodeRequest(new byte[3])).isInstanceOf(DecodeResult.Rejected.class);
    }

    @Test
    void decodingABufferReadsItsRemainingBytesAndLeavesItsPositionAlone() {
        ByteBuffer buffer = ByteBuffer.allocate(40).position(2).put(LegacyCodec.encodeRequest(new LegacyRequest(-5)))
                .flip().position(2);

        assertThat(LegacyCodec.decodeRequest(buffer).toOptional()).contains(new LegacyRequest(-5));
        assertThat(buffer.position()).isEqualTo(2);
    }
}
