package io.quorum.peer.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZooKeeper's epoch file format: the decimal ASCII of a signed long, written without a newline.
 * ZooKeeper reads the first line, so one trailing line terminator is accepted; anything else
 * (spaces, a sign other than minus, a second line, an empty file) is corruption.
 */
final class EpochFileFormat {
    /** Far above the 20 characters of Long.MIN_VALUE; bigger files are garbage, not epochs. */
    static final int MAX_BYTES = 64;

    private static final Pattern VALID = Pattern.compile("(-?[0-9]{1,19})(\r?\n)?");

    private EpochFileFormat() {
    }

    static byte[] format(long epoch) {
        return Long.toString(epoch).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads and parses an existing epoch file. */
    static long read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new CorruptEpochFileException(file, "(" + size + " bytes, not shown)", "too large for an epoch");
        }
        return parse(file, Files.readAllBytes(file));
    }

    static long parse(Path file, byte[] bytes) throws CorruptEpochFileException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher matcher = VALID.matcher(text);
        if (!matcher.matches()) {
            throw new CorruptEpochFileException(file, quote(text), "not a decimal long");
        }
        try {
            return Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new CorruptEpochFileException(file, quote(text), "out of range for a long");
        }
    }

    /** The content in quotes with control and non-ASCII bytes escaped, so a log line shows it. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
