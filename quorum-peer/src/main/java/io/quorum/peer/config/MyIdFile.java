package io.quorum.peer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code dataDir/myid}: the server id on the first line, as ZooKeeper writes it (and as
 * people write it with {@code echo 1 > myid}, hence the tolerated newline and blanks).
 */
final class MyIdFile {
    static final String NAME = "myid";

    private MyIdFile() {
    }

    static long read(Path dataDir) throws ConfigException {
        Path file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            throw new ConfigException(file + " file is missing");
        }
        String firstLine = firstLine(file).trim();
        if (firstLine.isEmpty()) {
            throw new ConfigException(file + " is empty; it must hold this server's id");
        }
        return Values.nonNegativeLong("serverid in " + file, firstLine);
    }

    private static String firstLine(Path file) throws ConfigException {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read: " + e, e);
        }
    }
}
