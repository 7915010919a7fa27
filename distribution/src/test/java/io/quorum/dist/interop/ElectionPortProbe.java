package io.quorum.dist.interop;

import io.quorum.dist.harness.PeerAddress;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Asks a live peer for its vote through its election port, as a sid outside its view
 * (PROTOCOL.md 2.8, 3.7): a bare-sid initial message (form A, 2.1), one framed 40-byte
 * notification, then the first frame that comes back.
 *
 * <p>The transport re-sends the last payload it wrote to a sid as the first frame of every new
 * connection from that sid (2.5), so a poller that wants a fresh answer each time must probe with
 * a sid it has not used before.
 */
final class ElectionPortProbe {

    private static final int MAX_FRAME = 512 * 1024;

    private ElectionPortProbe() {
    }

    static RawNotification ask(int electionPort, long probeSid, RawNotification notification, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(PeerAddress.HOST, electionPort), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] payload = notification.encode40();
            out.writeLong(probeSid);
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
            return RawNotification.decode(readFrame(new DataInputStream(socket.getInputStream())));
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_FRAME) {
            throw new IOException("frame length " + length + " outside 1.." + MAX_FRAME);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }
}
