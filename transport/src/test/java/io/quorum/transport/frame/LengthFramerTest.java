package io.quorum.transport.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors.Vector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LengthFramerTest {

    @Test
    void everyCapturedNotificationFrameDecodesAndReencodesByteForByte() throws Exception {
        for (Vector vector : GoldenVectors.withPrefix("fle-")) {
            byte[] frame = vector.bytes();
            byte[] payload = LengthFramer.read(stream(frame));

            assertThat(payload.length).as(vector.name()).isEqualTo(frame.length - LengthFramer.HEADER_BYTES);
            assertThat(LengthFramer.encode(payload)).as(vector.name()).isEqualTo(frame);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LengthFramer.write(out, payload);
            assertThat(out.toByteArray()).as(vector.name()).isEqualTo(frame);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, LengthFramer.MAX_PAYLOAD + 1, 1 << 30})
    void refusesUnacceptableLengthsWithoutAllocating(int length) {
        byte[] header = ByteBuffer.allocate(4).putInt(length).array();

        assertThatThrownBy(() -> LengthFramer.read(stream(header)))
                .isInstanceOf(BadFrameException.class)
                .satisfies(e -> assertThat(((BadFrameException) e).length()).isEqualTo(length));
    }

    @Test
    void acceptsTheLargestAllowedPayload() throws Exception {
        byte[] payload = new byte[LengthFramer.MAX_PAYLOAD];
        Arrays.fill(payload, (byte) 7);

        assertThat(LengthFramer.read(stream(LengthFramer.encode(payload)))).isEqualTo(payload);
    }

    @Test
    void aFrameCutShortIsAnEndOfStream() {
        // 2.3: a replaced connection can be torn down after only the length went out.
        byte[] frame = LengthFramer.encode(new byte[40]);

        assertThatThrownBy(() -> LengthFramer.read(stream(Arrays.copyOf(frame, 4)))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> LengthFramer.read(stream(Arrays.copyOf(frame, 30)))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> LengthFramer.read(stream(Arrays.copyOf(frame, 2)))).isInstanceOf(EOFException.class);
    }

    @Test
    void refusesToEncodeEmptyOrOversizedPayloads() {
        assertThatThrownBy(() -> LengthFramer.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LengthFramer.encode(new byte[LengthFramer.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DataInputStream stream(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
