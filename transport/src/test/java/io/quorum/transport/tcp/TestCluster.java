package io.quorum.transport.tcp;

import static org.awaitility.Awaitility.await;

import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.testing.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** N connection managers on 127.0.0.1 with reserved ports; stops all of them on close. */
final class TestCluster implements AutoCloseable {
    static {
        // Loopback events take microseconds; Awaitility's 100 ms defaults would dominate the run.
        org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
    }

    final QuorumView view;
    private final Map<Long, ConnectionManager> running = new ConcurrentHashMap<>();
    private final Map<Long, List<TransportEvent>> received = new ConcurrentHashMap<>();
    private final UnaryOperator<ConnectionManagerConfig> tuning;

    TestCluster(int size) {
        this(size, c -> c);
    }

    TestCluster(int size, UnaryOperator<ConnectionManagerConfig> tuning) {
        List<Integer> ports = freePorts(size);
        List<QuorumServer> servers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            PeerAddress election = new PeerAddress("127.0.0.1", ports.get(i));
            servers.add(QuorumServer.participant(i + 1, new PeerAddress("127.0.0.1", 1), election));
        }
        this.view = QuorumView.majority(servers);
        this.tuning = tuning;
    }

    static List<Integer> freePorts(int count) {
        return LoopbackPorts.forServers(count);
    }

    /** Short timeouts suited to loopback tests. */
    ConnectionManagerConfig config(long sid) {
        return tuning.apply(ConnectionManagerConfig.defaults(sid, view)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                .withBindRetries(0, Duration.ofMillis(50))
                .withIdleThreadKeepAlive(Duration.ofMillis(100)));
    }

    ConnectionManager start(long sid) {
        return start(config(sid));
    }

    ConnectionManager start(ConnectionManagerConfig config) {
        ConnectionManager manager = new ConnectionManager(config);
        received.put(config.mySid(), new ArrayList<>());
        running.put(config.mySid(), manager);
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(manager::isListening);
        return manager;
    }

    ConnectionManager get(long sid) {
        return running.get(sid);
    }

    void stop(long sid) {
        ConnectionManager manager = running.remove(sid);
        if (manager != null) {
            manager.shutdown();
        }
    }

    /** Everything {@code sid} received so far (drains its inbox into the record). */
    synchronized List<TransportEvent> events(long sid) {
        List<TransportEvent> list = received.get(sid);
        ConnectionManager manager = running.get(sid);
        if (manager != null) {
            manager.inbox().drainTo(list::add, Integer.MAX_VALUE);
        }
        return list;
    }

    boolean hasReceived(long at, long from, byte[] payload) {
        return events(at).stream().anyMatch(e -> e instanceof TransportEvent.Received r
                && r.sid() == from && java.util.Arrays.equals(r.payload(), payload));
    }

    void connectAllEverywhere() {
        running.values().forEach(ConnectionManager::connectAll);
    }

    Map<Long, ConnectionManager> running() {
        return new TreeMap<>(running);
    }

    @Override
    public void close() {
        running.keySet().forEach(this::stop);
    }
}
