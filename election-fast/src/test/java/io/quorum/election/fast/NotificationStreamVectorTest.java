package io.quorum.election.fast;

import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notifications inside the whole-connection {@code stream-*} vectors (PROTOCOL.md section
 * 10): skip the initial message the header names, split the rest into frames (section 2.4), and
 * check each frame against the header's {@code frame(len=.. state=.. leader=.. electionEpoch=..)}.
 */
class NotificationStreamVectorTest {
    private static final Pattern INITIAL = Pattern.compile("initial\\((\\d+) bytes\\)");
    private static final Pattern FRAME =
            Pattern.compile("frame\\(len=(\\d+) state=(\\w+) leader=(-?\\d+) electionEpoch=(\\d+)\\)");

    static List<String> streams() {
        return GoldenVectors.names("stream-");
    }

    @Test
    void findsAllFourStreams() {
        assertThat(streams()).hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("streams")
    void everyFrameDecodesAsTheHeaderSays(String name) throws IOException {
        String header = Files.readAllLines(GoldenVectors.directory().resolve(name)).get(0);
        ByteBuffer stream = ByteBuffer.wrap(GoldenVectors.load(name).bytes());
        Matcher initial = INITIAL.matcher(header);
        if (initial.find()) {
            stream.position(Integer.parseInt(initial.group(1)));
        }
        List<Notification> decoded = new ArrayList<>();
        while (stream.hasRemaining()) {
            byte[] payload = new byte[stream.getInt()];
            stream.get(payload);
            decoded.add(NotificationCodecVectorTest.decodeOrFail(payload));
            assertThat(NotificationCodec.encode(decoded.get(decoded.size() - 1))).isEqualTo(payload);
        }
        Matcher frame = FRAME.matcher(header);
        int index = 0;
        while (frame.find()) {
            Notification n = decoded.get(index++);
            assertThat(n.format().fixedLength() + n.config().map(ConfigData::length).orElse(0))
                    .isEqualTo(Integer.parseInt(frame.group(1)));
            assertThat(n.state().name()).isEqualTo(frame.group(2));
            assertThat(n.leader()).isEqualTo(Long.parseLong(frame.group(3)));
            assertThat(n.electionEpoch()).isEqualTo(Long.parseLong(frame.group(4)));
        }
        assertThat(index).as("frames named in the header").isEqualTo(decoded.size()).isPositive();
    }
}
