package io.quorum.dist.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's hand-written codec agrees with captured traffic (testdata/protocol/vectors). */
class RawNotificationTest {

    @Test
    void encodesA34LookingNotificationByteForByte() throws IOException {
        byte[] payload = framePayload("fle-3.4.14-40b-looking.hex");

        assertThat(RawNotification.looking40(2, 1).encode40()).isEqualTo(payload);
    }

    @Test
    void decodesA395FollowingReplyWithItsConfig() throws IOException {
        RawNotification reply = RawNotification.decode(framePayload("fle-3.9.5-v2-following.hex"));

        assertThat(reply.state()).isEqualTo(RawNotification.FOLLOWING);
        assertThat(reply.leader()).isEqualTo(2);
        assertThat(reply.peerEpoch()).isEqualTo(1);
        assertThat(reply.version()).isEqualTo(2);
        assertThat(reply.config()).hasValueSatisfying(config -> assertThat(config)
                .startsWith("server.1=127.0.0.1:13111:13211:participant").endsWith("version=0"));
    }

    /** {@code fle-*} vectors are whole frames; the payload follows the 4-byte length. */
    private static byte[] framePayload(String name) throws IOException {
        List<String> lines = Files.readAllLines(vectors().resolve(name));
        byte[] frame = HexFormat.of().parseHex(lines.get(1).strip());
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    private static Path vectors() {
        return io.quorum.transport.testing.GoldenVectors.directory();
    }
}
