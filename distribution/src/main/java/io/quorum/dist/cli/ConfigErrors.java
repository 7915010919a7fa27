package io.quorum.dist.cli;

import io.quorum.peer.config.ConfigException;
import java.nio.file.Path;

/** How the commands that read a zoo.cfg report one they cannot use. */
final class ConfigErrors {
    /** The exit code of a configuration error, picocli's code for usage errors. */
    static final int EXIT_CODE = 2;

    private ConfigErrors() {
    }

    /**
     * {@code quorum <command>: <file>: <message>}, without repeating the file when the message
     * already names it (a missing or unreadable file, a bad line).
     */
    static String describe(String command, Path file, ConfigException e) {
        String message = String.valueOf(e.getMessage());
        String where = message.contains(file.toString()) ? "" : file + ": ";
        return "quorum " + command + ": " + where + message;
    }
}
