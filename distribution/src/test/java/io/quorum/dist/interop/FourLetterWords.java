package io.quorum.dist.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal client for ZooKeeper's four-letter words on the client port. */
public final class FourLetterWords {

    private static final int TIMEOUT_MILLIS = 1_000;
    private static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";
    private static final Pattern MODE = Pattern.compile("^Mode: (\\w+)$", Pattern.MULTILINE);
    private static final Pattern ZXID = Pattern.compile("^Zxid: 0x([0-9a-fA-F]+)$", Pattern.MULTILINE);

    /** What a peer says about itself; LOOKING peers answer NOT_SERVING. */
    public enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, NOT_SERVING, UNREACHABLE }

    public record Status(Mode mode, OptionalLong zxid) {

        static final Status UNREACHABLE = new Status(Mode.UNREACHABLE, OptionalLong.empty());

        @Override
        public String toString() {
            return zxid.isPresent() ? mode + " zxid=0x" + Long.toHexString(zxid.getAsLong()) : mode.toString();
        }
    }

    private FourLetterWords() {
    }

    /**
     * Sends {@code srvr}. A refused or timed-out connection is UNREACHABLE rather than an error,
     * because pollers call this while peers are still starting or after they were killed.
     */
    public static Status srvr(int clientPort) {
        try {
            return parse(send("srvr", clientPort));
        } catch (IOException e) {
            return Status.UNREACHABLE;
        }
    }

    static Status parse(String answer) {
        if (answer.contains(NOT_SERVING)) {
            return new Status(Mode.NOT_SERVING, OptionalLong.empty());
        }
        Matcher mode = MODE.matcher(answer);
        if (!mode.find()) {
            // A connection closed before the answer was written (peer shutting down).
            return Status.UNREACHABLE;
        }
        Matcher zxid = ZXID.matcher(answer);
        OptionalLong parsedZxid = zxid.find()
                ? OptionalLong.of(Long.parseUnsignedLong(zxid.group(1), 16))
                : OptionalLong.empty();
        return new Status(Mode.valueOf(mode.group(1).toUpperCase(Locale.ROOT)), parsedZxid);
    }

    /** The server writes its answer and closes the connection, so read to EOF. */
    public static String send(String word, int clientPort) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(PeerAddress.HOST, clientPort), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
