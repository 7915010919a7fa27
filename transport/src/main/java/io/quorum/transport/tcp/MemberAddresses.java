package io.quorum.transport.tcp;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Who may speak for a server of the view: only a connection from one of the addresses its
 * server line names (its quorum or election host, resolved now). The election port's acceptor
 * and the leader's quorum port (for the sid a learner announces) both ask. Without this, anyone who can
 * reach the election port could announce a member's sid and vote as that member
 * (CVE-2018-8012). Sids outside the view are not checked here: the cores ignore their votes.
 *
 * <p>This binds a sid to a host, not to a process: another process on the member's host can
 * still claim its sid. Only sslQuorum (a certificate per peer) proves identity.
 */
public final class MemberAddresses {
    private final QuorumView view;

    public MemberAddresses(QuorumView view) {
        this.view = view;
    }

    /** Why a connection from {@code from} may not speak for {@code sid}, or empty if it may. */
    public Optional<String> refusal(long sid, InetAddress from) {
        Optional<QuorumServer> server = view.server(sid);
        if (server.isEmpty() || from == null) {
            return Optional.empty();
        }
        List<PeerAddress> named = server.get().electionAddress().isPresent()
                ? List.of(server.get().quorumAddress(), server.get().electionAddress().get())
                : List.of(server.get().quorumAddress());
        for (PeerAddress address : named) {
            if (HostPort.isWildcard(address.host()) || resolvesTo(address.host(), from)) {
                return Optional.empty();
            }
        }
        return Optional.of("sid " + sid + " is configured at " + named.get(0).host() + ", not "
                + from.getHostAddress());
    }

    private static boolean resolvesTo(String host, InetAddress from) {
        try {
            for (InetAddress candidate : InetAddress.getAllByName(host)) {
                if (candidate.equals(from)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
