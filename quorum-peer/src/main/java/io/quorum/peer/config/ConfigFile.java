package io.quorum.peer.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code key=value} lines of a zoo.cfg. Done by hand rather than with
 * {@link java.util.Properties} because Properties silently keeps the last of two equal keys, and a
 * second {@code server.1} line is almost always a copy-paste mistake that should stop the peer.
 *
 * <p>Like Properties, {@code #} and {@code !} start comment lines and the key ends at the first
 * {@code =} or {@code :}. Unlike it, backslash escapes are not interpreted and a line without a
 * separator is an error instead of a key with an empty value.
 */
final class ConfigFile {
    private static final int MAX_QUOTED_LINE = 80;

    private ConfigFile() {
    }

    /** The file's entries in file order. */
    static Map<String, String> read(Path file) throws ConfigException {
        return parse(readLines(file), file.toString());
    }

    /** The entries of already-read lines; {@code source} names them in error messages. */
    static Map<String, String> parse(List<String> lines, String source) throws ConfigException {
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, Integer> lineOfKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).trim();
            if (isBlankOrComment(line)) {
                continue;
            }
            String where = source + " line " + lineNumber;
            int separator = separatorIndex(line, where);
            String key = line.substring(0, separator).trim();
            String value = line.substring(separator + 1).trim();
            checkEntry(key, value, where, line);
            Integer previous = lineOfKey.putIfAbsent(key, lineNumber);
            if (previous != null) {
                throw new ConfigException(where + ": duplicate key " + key + " (already set on line " + previous + ")");
            }
            entries.put(key, value);
        }
        return entries;
    }

    private static boolean isBlankOrComment(String trimmed) {
        return trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!");
    }

    private static int separatorIndex(String line, String where) throws ConfigException {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0 && colon < 0) {
            throw new ConfigException(where + ": expected key=value but found '" + quote(line) + "'");
        }
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    private static void checkEntry(String key, String value, String where, String line) throws ConfigException {
        if (key.isEmpty()) {
            throw new ConfigException(where + ": no key before the separator in '" + quote(line) + "'");
        }
        // Properties would join the next line on; we do not, so say so rather than misread it.
        if (value.endsWith("\\")) {
            throw new ConfigException(where + ": key " + key + " ends with a backslash; line continuations are not supported");
        }
    }

    private static String quote(String line) {
        return line.length() <= MAX_QUOTED_LINE ? line : line.substring(0, MAX_QUOTED_LINE) + "...";
    }

    private static List<String> readLines(Path file) throws ConfigException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException("config file " + file + " is not readable: permission denied", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
