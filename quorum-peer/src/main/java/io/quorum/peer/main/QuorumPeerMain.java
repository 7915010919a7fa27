package io.quorum.peer.main;

import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.election.PluginDirectory;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.peer.wiring.PeerAssembly;
import io.quorum.peer.warmup.PeerWarmup;
import io.quorum.transport.support.OwnedThreads;
import io.quorum.peer.wiring.PeerAssemblyException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts one quorum peer from a zoo.cfg, as ZooKeeper's {@code QuorumPeerMain}: assemble the peer
 * through Guice with the algorithm {@code electionAlg} names, start it, and run until the JVM is
 * asked to stop.
 */
public final class QuorumPeerMain {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumPeerMain.class);

    /** Exit code of a peer that ran and stopped cleanly. */
    public static final int EXIT_OK = 0;
    /** Exit code of a peer that could not start or stopped on a fatal error. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for an invalid zoo.cfg, as {@code quorum start} documents. */
    public static final int EXIT_CONFIG = 2;

    private QuorumPeerMain() {
    }

    /** {@code java io.quorum.peer.main.QuorumPeerMain zoo.cfg}: problems are logged. */
    public static void main(String[] args) {
        if (args.length != 1) {
            LOG.error("usage: QuorumPeerMain <zoo.cfg>");
            System.exit(EXIT_CONFIG);
        }
        QuorumPeerConfig config;
        try {
            config = QuorumPeerConfig.parse(Path.of(args[0]));
        } catch (ConfigException e) {
            LOG.error("Invalid config {}: {}", args[0], e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        System.exit(runFromConfig(config));
    }

    /**
     * Runs the peer until the JVM is asked to stop (a shutdown hook closes it) or the peer stops by
     * itself; blocks the calling thread.
     *
     * @return the process exit code: 0 after a clean stop, 1 when the peer could not start or failed
     */
    public static int runFromConfig(QuorumPeerConfig config) {
        MDC.put("peer", Long.toString(config.myId()));
        PeerServer server;
        try {
            server = startProcess(config);
        } catch (PeerAssemblyException | IOException | IllegalStateException e) {
            LOG.error("peer {} cannot start: {}", config.myId(), e.getMessage());
            return EXIT_FAILED;
        }
        Thread hook = new Thread(server::close, "quorum-shutdown-" + config.myId());
        Runtime.getRuntime().addShutdownHook(hook);
        boolean asked = true;
        try {
            server.awaitTermination();
            asked = server.isClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        if (!asked) {
            LOG.error("peer {} stopped on a fatal error (logged above)", config.myId());
        }
        return asked ? EXIT_OK : EXIT_FAILED;
    }

    /**
     * Assembles and starts a peer in this JVM; the caller closes it (for embedding and tests). Its
     * algorithms are those on the class path and those of {@code plugin.dir}, or of the default
     * plugin directory ({@link PluginDirectory}) when zoo.cfg names none.
     *
     * @throws IllegalStateException if the plugin directory or a jar in it cannot be used (the
     *     message names it), or two algorithms claim one name or number
     */
    public static PeerServer start(QuorumPeerConfig config) throws IOException {
        return start(config, installed(config));
    }

    /** The built-in algorithms and those of the peer's plugin directory. */
    private static ElectionRegistry installed(QuorumPeerConfig config) {
        return ElectionRegistry.load(QuorumPeerMain.class.getClassLoader(),
                config.pluginDir().or(PluginDirectory::fromSystemProperty));
    }

    private static PeerServer start(QuorumPeerConfig config, ElectionRegistry registry) throws IOException {
        PeerServer server = PeerAssembly.assemble(config, registry);
        server.start();
        return server;
    }

    /**
     * As {@link #start}, then warms the peer up on threads of its own, as a peer process does: the
     * session code beside the first election (the first session then runs compiled), and, once the
     * peer first has a role, a rehearsal of whole failovers (see {@link PeerWarmup}) while nothing
     * waits for it.
     */
    private static PeerServer startProcess(QuorumPeerConfig config) throws IOException {
        // The plugins too: the rehearsal runs the peer's own algorithm, which may be a plugin's.
        ElectionRegistry registry = installed(config);
        PeerServer server = start(config, registry);
        OwnedThreads warmup = new OwnedThreads("quorum-warmup-" + config.myId(), Long.toString(config.myId()));
        warmup.start("launcher", () -> PeerWarmup.warmSessions(config.myId()));
        if (PeerWarmup.enabled()) {
            PeerWarmup rehearsal = new PeerWarmup(registry.select(config.electionAlg()), config.myId());
            server.peer().addListener(rehearsal.startingOnFirstRole(body -> warmup.start("rehearsal", body)));
        }
        return server;
    }
}
