package io.quorum.election.fast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The config text a version-2 notification carries (PROTOCOL.md section 3.2), kept as the exact
 * bytes received. The bytes, not a string, are the value: a 3.9.5 receiver still processes a
 * notification whose config does not parse (section 3.2), so malformed UTF-8 must survive
 * decoding and re-encode to the same bytes.
 */
public final class ConfigData {
    private final byte[] bytes;

    private ConfigData(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The UTF-8 encoding of {@code text}, as a 3.9.5 sender writes it. */
    public static ConfigData ofText(String text) {
        return new ConfigData(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of {@code bytes}, taken as they are. */
    public static ConfigData ofBytes(byte[] bytes) {
        return new ConfigData(bytes.clone());
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes read as UTF-8; malformed sequences become U+FFFD rather than failing. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigData that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ConfigData{" + bytes.length + " bytes: \"" + text().replace("\n", "\\n") + "\"}";
    }

    /** Used by the codec to write the bytes without another copy. */
    void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    static ConfigData wrap(byte[] owned) {
        Objects.requireNonNull(owned, "bytes are null");
        return new ConfigData(owned);
    }
}
