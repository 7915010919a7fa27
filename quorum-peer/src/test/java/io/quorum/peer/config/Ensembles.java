package io.quorum.peer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test configurations: a valid three-server ensemble that each test bends in one place. */
final class Ensembles {

    private Ensembles() {
    }

    /** Entries of a valid zoo.cfg for three participants on loopback, with {@code dataDir} set. */
    static Map<String, String> threeServers(Path dataDir) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tickTime", "2000");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        entries.put("dataDir", dataDir.toString());
        entries.put("server.1", "127.0.0.1:2888:3888");
        entries.put("server.2", "127.0.0.1:2889:3889");
        entries.put("server.3", "127.0.0.1:2890:3890");
        return entries;
    }

    /**
     * The base entries with changes applied in order: each pair is a key and its new value, a
     * {@code null} value removes the key.
     */
    static Map<String, String> threeServersWith(Path dataDir, String... keysAndValues) {
        Map<String, String> entries = threeServers(dataDir);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                entries.remove(keysAndValues[i]);
            } else {
                entries.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return entries;
    }

    static void writeMyId(Path dataDir, String content) {
        write(dataDir.resolve("myid"), content);
    }

    static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
