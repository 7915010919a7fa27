package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an initial message as a 3.9.5 acceptor does (PROTOCOL.md 2.2): a first long that is not
 * negative is a bare sid (3.4 form); otherwise only V1/V2 are accepted, the address length must
 * be 1..2048, the bytes strict UTF-8 and every part a {@code host:port}. It never allocates more
 * than 2048 bytes whatever the input says (ZOOKEEPER-2186).
 */
public final class InitialMessageDecoder {

    private InitialMessageDecoder() {
    }

    /**
     * Reads exactly one initial message from the stream.
     *
     * @throws InitialMessageException if the bytes are not a valid initial message
     * @throws java.io.EOFException if the stream ends first
     */
    public static InitialMessage read(DataInputStream in) throws IOException {
        long first = in.readLong();
        if (first >= 0) {
            return InitialMessage.sidOnly(first);
        }
        InitialMessage.Form form = versionForm(first);
        long sid = in.readLong();
        int length = in.readInt();
        if (length < 1 || length > InitialMessage.MAX_ADDRESS_BYTES) {
            throw new InitialMessageException("address length " + length + " is outside 1.." + InitialMessage.MAX_ADDRESS_BYTES);
        }
        byte[] address = new byte[length];
        in.readFully(address);
        return new InitialMessage(form, sid, parseAddresses(utf8(address)));
    }

    /** Decodes a complete message held in memory; trailing bytes are ignored, as frames follow it. */
    public static InitialMessage decode(byte[] bytes) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static InitialMessage.Form versionForm(long version) throws InitialMessageException {
        if (version == InitialMessage.PROTOCOL_V1) {
            return InitialMessage.Form.V1;
        }
        if (version == InitialMessage.PROTOCOL_V2) {
            return InitialMessage.Form.V2;
        }
        throw new InitialMessageException("unrecognized protocol version " + version);
    }

    private static String utf8(byte[] bytes) throws InitialMessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InitialMessageException("address is not valid UTF-8");
        }
    }

    private static List<PeerAddress> parseAddresses(String text) throws InitialMessageException {
        // Split as 3.9.5 does, whatever the version: V1 senders only ever write one part.
        String[] parts = text.split("\\|");
        List<PeerAddress> addresses = new ArrayList<>(parts.length);
        for (String part : parts) {
            Optional<PeerAddress> address = HostPort.parse(part);
            if (address.isEmpty()) {
                throw new InitialMessageException("not a host:port address: " + printable(part));
            }
            addresses.add(address.get());
        }
        return addresses;
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
