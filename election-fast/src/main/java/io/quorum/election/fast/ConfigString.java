package io.quorum.election.fast;

import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import java.util.StringJoiner;

/**
 * Renders the view as the config text a 3.9.5 peer puts in version-2 notifications
 * (PROTOCOL.md 3.2): one {@code server.N} line per server, then {@code version=0}, no trailing
 * newline. Version 0 is never newer than a real peer's static config, so no receiver adopts it.
 */
final class ConfigString {
    private ConfigString() {
    }

    static String render(QuorumView view) {
        StringJoiner lines = new StringJoiner("\n");
        for (QuorumServer server : view.servers()) {
            lines.add(line(server));
        }
        lines.add("version=0");
        return lines.toString();
    }

    private static String line(QuorumServer server) {
        StringBuilder line = new StringBuilder("server.").append(server.id()).append('=')
                .append(server.quorumAddress());
        server.electionAddress().ifPresent(election -> line.append(':').append(election.port()));
        line.append(':').append(server.type().configName());
        server.clientAddress().ifPresent(client -> line.append(';').append(client));
        return line.toString();
    }
}
