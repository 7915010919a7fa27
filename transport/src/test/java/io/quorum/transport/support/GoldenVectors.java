package io.quorum.transport.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the captured golden vectors from {@code shared/protocol/vectors}. The directory comes
 * from the system property {@code quorum.shared.dir} (the {@code shared} directory) or else
 * {@code <module>/../../shared}. A missing directory fails the test: silently skipping would let
 * the wire-compatibility checks rot.
 */
public final class GoldenVectors {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** One vector: its file name, the decoded header fields and the bytes. */
    public record Vector(String name, Map<String, String> fields, byte[] bytes) {
        public long longField(String key) {
            String value = fields.get(key);
            int paren = value.indexOf("(=");
            if (paren >= 0) {
                return Long.parseLong(value.substring(paren + 2, value.length() - 1));
            }
            int hexNote = value.indexOf('(');
            if (hexNote >= 0) {
                value = value.substring(0, hexNote);
            }
            return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
        }

        public String stringField(String key) {
            String value = fields.get(key);
            return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }
    }

    private GoldenVectors() {
    }

    public static Path directory() {
        String shared = System.getProperty("quorum.shared.dir");
        Path dir = shared != null
                ? Path.of(shared, "protocol", "vectors")
                : Path.of(System.getProperty("basedir", "."), "..", "..", "shared", "protocol", "vectors");
        if (!Files.isDirectory(dir)) {
            fail("golden vectors not found at " + dir.toAbsolutePath().normalize()
                    + "; set -Dquorum.shared.dir=<path of shared/>");
        }
        return dir;
    }

    /** Every vector whose file name starts with the prefix, sorted by name; fails if there is none. */
    public static List<Vector> withPrefix(String prefix) {
        try (Stream<Path> files = Files.list(directory())) {
            List<Vector> vectors = files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".hex"))
                    .sorted()
                    .map(GoldenVectors::load)
                    .toList();
            if (vectors.isEmpty()) {
                fail("no golden vectors named " + prefix + "* in " + directory());
            }
            return vectors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Vector load(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            Map<String, String> fields = new TreeMap<>();
            String header = lines.get(0).substring(2);
            int comment = header.indexOf(" ; ");
            Matcher m = FIELD.matcher(comment >= 0 ? header.substring(0, comment) : header);
            while (m.find()) {
                fields.putIfAbsent(m.group(1), m.group(2));
            }
            return new Vector(file.getFileName().toString(), fields, HexFormat.of().parseHex(lines.get(1).trim()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
