package io.quorum.peer.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.election.ElectionSettings;
import io.quorum.api.election.ElectionContext;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.peer.ops.BuildInfo;
import io.quorum.peer.ops.ClientPortServer;
import io.quorum.peer.ops.ClientPortSettings;
import io.quorum.peer.ops.ElectionAlgorithm;
import io.quorum.peer.ops.FourLetterWords;
import io.quorum.peer.ops.PeerStatus;
import io.quorum.peer.ops.PeerStatusHolder;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.EpochStore;
import io.quorum.peer.persist.FileEpochStore;
import io.quorum.peer.persist.FileTxnLog;
import io.quorum.peer.persist.TxnLog;
import io.quorum.peer.runtime.ElectionStarter;
import io.quorum.peer.runtime.PeerHistory;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.peer.runtime.QuorumPeer;
import io.quorum.peer.runtime.RoleSessions;
import io.quorum.peer.zab.ZabSessions;
import io.quorum.api.election.Endpoint;
import io.quorum.transport.runtime.DatagramElectionConfig;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import io.quorum.transport.tls.TlsSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One peer from its zoo.cfg: the data directory's stores and recovered history, the election
 * transport for the selected algorithm, the quorum-port sessions, the status, the client port and
 * the state loop. Opening the stores recovers them, so a corrupt epoch file or log fails the
 * injector with the store's message naming the file.
 */
public final class QuorumPeerModule extends AbstractModule {
    private final QuorumPeerConfig config;
    private final ElectionRegistry registry;

    public QuorumPeerModule(QuorumPeerConfig config, ElectionRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(QuorumPeerConfig.class).toInstance(config);
        install(new ElectionModule(registry));
    }

    @Provides
    @Singleton
    EpochStore epochStore() throws IOException {
        return FileEpochStore.open(config.dataDir());
    }

    @Provides
    @Singleton
    TxnLog txnLog() throws IOException {
        return FileTxnLog.open(config.dataLogDir());
    }

    @Provides
    @Singleton
    PeerHistory history(EpochStore epochs, TxnLog log) throws IOException {
        return new PeerHistory(epochs, log, DataDirRecovery.recover(epochs, log));
    }

    @Provides
    @Singleton
    RoleSessions sessions() {
        return ZabSessions.fromConfig(config);
    }

    /** The election on the sockets its provider names: the TCP election port, or UDP (algorithms 0-2). */
    @Provides
    @Singleton
    ElectionStarter electionStarter(ElectionProvider provider, ElectionAlgorithm algorithm) throws ConfigException {
        Duration connect = Duration.ofMillis(config.cnxTimeout());
        Duration handshake = Duration.ofMillis((long) config.tickTime() * Math.max(1, config.syncLimit()));
        DatagramElectionConfig datagram = config.quorumListenOnAllIPs()
                ? DatagramElectionConfig.defaults()
                : DatagramElectionConfig.defaults().bindingOwnHost();
        if (!provider.endpoints().contains(Endpoint.ELECTION_TCP)) {
            refuseTlsOverUdp(algorithm);
            return context -> ElectionRuntime.startDatagram(provider, scoped(context, provider), datagram);
        }
        ConnectionManagerConfig plain = ConnectionManagerConfig.defaults(config.myId(), config.view())
                .withListenOnAllIps(config.quorumListenOnAllIPs())
                .withTimeouts(connect, handshake);
        ConnectionManagerConfig transport = config.quorumTls().map(plain::withSocketFactory).orElse(plain);
        return context -> ElectionRuntime.startTcp(provider, scoped(context, provider), transport);
    }

    /** The context with zoo.cfg's election.* keys narrowed to the provider's own, prefix removed. */
    private static ElectionContext scoped(ElectionContext context, ElectionProvider provider) {
        return new PeerElectionContext(context.myId(), context.view(), context::initialVote,
                ElectionSettings.of(context.properties(), provider.name()));
    }

    /**
     * sslQuorum promises that only holders of a trusted certificate take part. An algorithm that
     * elects over UDP (0, 1, 2) would leave the votes in plain text from anyone who can send a
     * datagram (alg 2's challenge proves reachability, not identity) while the quorum port looked
     * secured: better refuse to start than run half-protected. ZooKeeper never offered TLS for
     * those algorithms either; they were gone before quorum TLS arrived (3.5/3.6).
     */
    private void refuseTlsOverUdp(ElectionAlgorithm algorithm) throws ConfigException {
        if (config.quorumTls().isPresent()) {
            throw new ConfigException(TlsSettings.SSL_QUORUM + "=true secures TCP connections only, but electionAlg="
                    + config.electionAlg() + " (" + algorithm.name() + ") elects over UDP, where votes would stay"
                    + " unauthenticated plain text; use electionAlg=3 (fast) with TLS, or set " + TlsSettings.SSL_QUORUM
                    + "=false");
        }
    }

    @Provides
    @Singleton
    PeerStatusHolder status(PeerHistory history, ElectionAlgorithm algorithm) {
        return new PeerStatusHolder(PeerStatus.starting(config, algorithm, history.currentEpoch(),
                history.acceptedEpoch(), history.lastLoggedZxid(), SystemTicker.INSTANCE.wallMillis()));
    }

    @Provides
    @Singleton
    Optional<ClientPortServer> clientPort(PeerStatusHolder status) {
        return config.clientAddress().map(address -> new ClientPortServer(config.myId(), address,
                new FourLetterWords(config, BuildInfo.ofThisBuild()), status, ClientPortSettings.defaults(),
                SystemTicker.INSTANCE));
    }

    @Provides
    @Singleton
    QuorumPeer peer(PeerHistory history, ElectionStarter starter, RoleSessions sessions, PeerStatusHolder status) {
        return new QuorumPeer(config, history, starter, sessions, status);
    }

    @Provides
    @Singleton
    PeerServer server(QuorumPeer peer, Optional<ClientPortServer> clientPort, PeerStatusHolder status, TxnLog log) {
        return new PeerServer(config.myId(), peer, clientPort, status, log);
    }
}
