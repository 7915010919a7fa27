package io.quorum.dist.cli;

import io.quorum.peer.config.ConfigException;
import io.quorum.peer.main.QuorumPeerMain;
import java.nio.file.Path;

/** How the commands that read a zoo.cfg report one they cannot use. */
final class ConfigErrors {
    /** The exit code of a configuration error, as the peer's own main uses (and picocli for usage errors). */
    static final int EXIT_CODE = QuorumPeerMain.EXIT_CONFIG;

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
