package io.quorum.peer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.GoldenVectors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec against every captured quorum packet (PROTOCOL.md section 10, {@code zab-*}). */
class QuorumPacketVectorTest {
    // GoldenVectors' key pattern needs a blank before a key, so "data.len=" and "authinfo.count="
    // stay inside the zxid value and "serverid=" inside data's; they are read from there.
    private static final Pattern DATA_LEN = Pattern.compile("data\\.len=(-?\\d+)");
    private static final Pattern AUTH_COUNT = Pattern.compile("authinfo\\.count=(-?\\d+)");
    private static final Pattern SERVER_ID = Pattern.compile("serverid=(\\d+)");
    private static final Pattern INT32 = Pattern.compile("int32\\(0x([0-9a-f]+)\\)");
    private static final Pattern UTF8 = Pattern.compile("^utf8\\(\"(.*)\"\\)$", Pattern.DOTALL);

    private final QuorumPacketCodec codec = QuorumPacketCodec.standard();

    static List<String> vectors() {
        return GoldenVectors.names("zab-");
    }

    @Test
    void findsAllSeventeenVectors() {
        assertThat(vectors()).hasSize(17);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesEveryHeaderField(String name) {
        GoldenVectors.Vector vector = GoldenVectors.load(name);
        GoldenVectors.Header header = vector.header();
        QuorumPacket packet = codec.decode(vector.bytes()).toOptional().orElseThrow();

        assertThat(header.raw("kind")).isEqualTo("zab-quorumpacket");
        assertThat(header.raw("peer_zk")).isEqualTo(header.raw("zk"));
        assertThat((long) packet.type()).isEqualTo(header.num("type"));
        assertThat(PacketType.describe(packet.type())).isEqualTo(header.label("type"));
        assertThat(packet.zxid()).isEqualTo(header.num("zxid"));
        String zxidItem = header.raw("zxid");
        assertThat(packet.dataLength()).isEqualTo(Integer.parseInt(find(DATA_LEN, zxidItem)));
        // authinfo is always null in the captures; the packet record does not keep it.
        assertThat(find(AUTH_COUNT, zxidItem)).isEqualTo("-1");
        assertThat(ByteBuffer.wrap(vector.bytes(), vector.bytes().length - 4, 4).getInt()).isEqualTo(-1);
        if (header.has("data")) {
            checkData(packet, header);
        }
        header.assertAllFieldsChecked();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reEncodesToTheCapturedBytes(String name) {
        byte[] bytes = GoldenVectors.load(name).bytes();

        assertThat(QuorumPacketCodec.encode(codec.decode(bytes).toOptional().orElseThrow())).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void streamingDecoderWaitsForEveryMissingByte(String name) {
        byte[] bytes = GoldenVectors.load(name).bytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            ByteBuffer partial = ByteBuffer.wrap(bytes, 0, cut);

            assertThat(codec.decodeNext(partial)).as("first %d bytes", cut).isEmpty();
            assertThat(partial.position()).isZero();
        }
    }

    private static void checkData(QuorumPacket packet, GoldenVectors.Header header) {
        String data = header.raw("data");
        if (data.startsWith("LearnerInfo(")) {
            LearnerInfo info = LearnerInfo.decode(packet.data()).toOptional().orElseThrow();
            assertThat(info.sid()).isEqualTo(Long.parseLong(find(SERVER_ID, data)));
            assertThat((long) info.protocolVersion()).isEqualTo(closingHex(header.raw("protocolVersion")));
            if (header.has("configVersion")) {
                assertThat(info.configVersion()).hasValue(closingHex(header.raw("configVersion")));
            } else {
                assertThat(info.configVersion()).isEmpty();
            }
            assertThat(info.encode()).isEqualTo(packet.data());
        } else if (data.startsWith("int32(")) {
            assertThat(packet.dataAsInt()).hasValue(Integer.parseUnsignedInt(find(INT32, data), 16));
        } else {
            String text = find(UTF8, data).replace("\\n", "\n");
            assertThat(new String(packet.data(), StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    /** A hex item inside {@code LearnerInfo(...)}; the last one carries the closing parenthesis. */
    private static long closingHex(String item) {
        assertThat(item).startsWith("0x");
        String digits = item.endsWith(")") ? item.substring(2, item.length() - 1) : item.substring(2);
        return Long.parseUnsignedLong(digits, 16);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }
}
