package io.quorum.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the golden vectors of {@code testdata/protocol/vectors} (PROTOCOL.md section 10): bytes
 * captured from real ZooKeeper peers, for the codec tests of every module and of plugins. The
 * directory is found from the module directory Maven runs tests in ({@code <module>/../testdata}),
 * or given by the {@code quorum.shared.dir} system property. A missing directory fails
 * the test: silently skipping would let the wire-compatibility checks rot.
 */
public final class GoldenVectors {
    private static final Set<String> META_KEYS = Set.of("zk", "alg", "kind", "dir", "receiver_zk", "wire");
    private static final Pattern KEY = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");

    private GoldenVectors() {
    }

    /** The vector directory; fails when it is missing. */
    public static Path directory() {
        String override = System.getProperty("quorum.shared.dir");
        Path shared = override != null
                ? Path.of(override)
                : Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../testdata");
        Path dir = shared.resolve("protocol").resolve("vectors").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("golden vector directory not found: " + dir
                    + " (expected <repo>/testdata/protocol/vectors; set -Dquorum.shared.dir=<dir with protocol/vectors>)");
        }
        return dir;
    }

    /** The names of the vector files starting with {@code prefix}, sorted. */
    public static List<String> names(String prefix) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".hex"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every vector whose file name starts with {@code prefix}, sorted; fails if there is none. */
    public static List<Vector> withPrefix(String prefix) {
        List<String> names = names(prefix);
        if (names.isEmpty()) {
            throw new AssertionError("no golden vectors named " + prefix + "* in " + directory());
        }
        return names.stream().map(GoldenVectors::load).toList();
    }

    /** One vector file by name. */
    public static Vector load(String name) {
        try {
            List<String> lines = Files.readAllLines(directory().resolve(name));
            if (lines.size() < 2 || !lines.get(0).startsWith("# ")) {
                throw new AssertionError(name + ": expected a '# ' header line and a hex line");
            }
            return new Vector(name, Header.parse(lines.get(0).substring(2)), HexFormat.of().parseHex(lines.get(1).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One vector file. */
    public record Vector(String name, Header header, byte[] bytes) {
        /** For {@code qcm-frame(...)} vectors: the payload after the 4-byte length, checked against it. */
        public byte[] framePayload() {
            int length = ByteBuffer.wrap(bytes).getInt();
            if (length != bytes.length - 4) {
                throw new AssertionError(name + ": frame length " + length + " but " + (bytes.length - 4)
                        + " payload bytes");
            }
            return Arrays.copyOfRange(bytes, 4, bytes.length);
        }
    }

    /** The {@code key=value} items of a header line; remembers which fields a test compared. */
    public static final class Header {
        private final Map<String, String> values;
        private final Set<String> checked = new TreeSet<>();

        private Header(Map<String, String> values) {
            this.values = values;
        }

        static Header parse(String line) {
            int comment = line.indexOf(" ; ");
            String items = comment < 0 ? line : line.substring(0, comment);
            Map<String, String> values = new LinkedHashMap<>();
            Matcher m = KEY.matcher(items);
            String key = null;
            int valueStart = 0;
            while (m.find()) {
                if (key != null) {
                    values.put(key, items.substring(valueStart, m.start()).trim());
                }
                key = m.group(1);
                valueStart = m.end();
            }
            if (key != null) {
                values.put(key, items.substring(valueStart).trim());
            }
            return new Header(values);
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }

        /** The raw value, e.g. {@code 1(FOLLOWING)} or {@code 0x8000000000000000(=-9223372036854775808)}. */
        public String raw(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new AssertionError("header has no " + key + ": " + values);
            }
            checked.add(key);
            return value;
        }

        /** A number: {@code 0x} hex (as unsigned bits) or signed decimal, up to a blank or '('. */
        public long num(String key) {
            String token = raw(key).split("[ (]", 2)[0];
            return token.startsWith("0x") ? Long.parseUnsignedLong(token.substring(2), 16) : Long.parseLong(token);
        }

        /** The name in parentheses, e.g. FOLLOWING from {@code 1(FOLLOWING)}. */
        public String label(String key) {
            String value = raw(key);
            return value.substring(value.indexOf('(') + 1, value.indexOf(')'));
        }

        /** A quoted string with {@code \n} escapes. */
        public String text(String key) {
            String value = raw(key);
            if (!value.startsWith("\"") || !value.endsWith("\"")) {
                throw new AssertionError(key + " is not quoted: " + value);
            }
            return value.substring(1, value.length() - 1).replace("\\n", "\n");
        }

        /** Fails unless the test compared every field of the header (meta items aside). */
        public void assertAllFieldsChecked() {
            Set<String> unchecked = new TreeSet<>(values.keySet());
            unchecked.removeAll(META_KEYS);
            unchecked.removeAll(checked);
            if (!unchecked.isEmpty()) {
                throw new AssertionError("header fields not compared: " + unchecked);
            }
        }
    }
}
