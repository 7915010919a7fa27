package io.quorum.peer.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.runtime.PeerServer;

/** Builds a peer from its configuration through one Guice injector. */
public final class PeerAssembly {
    private PeerAssembly() {
    }

    /**
     * Assembles (without starting) the peer {@code config} describes, with the election algorithms
     * {@code registry} offers.
     *
     * @throws PeerAssemblyException naming the first problem (unknown algorithm, corrupt data dir)
     */
    public static PeerServer assemble(QuorumPeerConfig config, ElectionRegistry registry) {
        try {
            return Guice.createInjector(new QuorumPeerModule(config, registry)).getInstance(PeerServer.class);
        } catch (ProvisionException | CreationException e) {
            throw new PeerAssemblyException(rootCause(e));
        }
    }

    /** Guice wraps what a provider threw; the operator needs the innermost message. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
