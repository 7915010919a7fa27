package io.quorum.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.PeerAddress;
import io.quorum.transport.frame.LengthFramer;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors;
import io.quorum.transport.testing.GoldenVectors.Vector;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitialMessageVectorsTest {

    @Test
    void everyCapturedInitialMessageDecodesToItsHeaderFieldsAndReencodesByteForByte() throws Exception {
        for (Vector vector : GoldenVectors.withPrefix("qcm-init-")) {
            InitialMessage message = InitialMessageDecoder.decode(vector.bytes());

            assertThat(message.sid()).as(vector.name()).isEqualTo(vector.header().num("sid"));
            if (vector.header().has("protocolVersion")) {
                long version = vector.header().num("protocolVersion");
                assertThat(message.form()).as(vector.name())
                        .isEqualTo(version == InitialMessage.PROTOCOL_V1 ? InitialMessage.Form.V1 : InitialMessage.Form.V2);
                assertThat(message.addressString()).as(vector.name()).isEqualTo(vector.header().text("addr"));
            } else {
                assertThat(message.form()).as(vector.name()).isEqualTo(InitialMessage.Form.SID_ONLY);
            }
            assertThat(message.encode()).as(vector.name()).isEqualTo(vector.bytes());
        }
    }

    @Test
    void ourV1EncoderWritesWhat395Writes() {
        Vector captured = GoldenVectors.withPrefix("qcm-init-3.9.5-v1").get(0);

        assertThat(InitialMessage.v1(2, new PeerAddress("127.0.0.1", 13212)).encode()).isEqualTo(captured.bytes());
    }

    @Test
    void wholeCapturedStreamsParseAsInitialMessageThenFrames() throws Exception {
        for (Vector vector : GoldenVectors.withPrefix("stream-")) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(vector.bytes()));
            boolean initiatorSide = vector.name().endsWith("-c2s.hex");
            if (initiatorSide) {
                InitialMessage initial = InitialMessageDecoder.read(in);
                assertThat(initial.sid()).as(vector.name()).isEqualTo(senderSid(vector.name()));
            }
            List<byte[]> frames = new ArrayList<>();
            while (in.available() > 0) {
                frames.add(LengthFramer.read(in));
            }
            assertThat(frames).as(vector.name()).isNotEmpty();
            assertThat(frames).as(vector.name()).allSatisfy(p -> assertThat(p.length).isIn(40, 182));
        }
    }

    private static long senderSid(String name) {
        int at = name.indexOf("-sid") + 4;
        return Long.parseLong(name.substring(at, at + 1));
    }
}
