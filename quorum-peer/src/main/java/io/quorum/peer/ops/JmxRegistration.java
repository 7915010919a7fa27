package io.quorum.peer.ops;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's MXBeans, {@code io.quorum:type=Peer,id=<myId>} and {@code
 * io.quorum:type=Election,id=<myId>}, registered together and unregistered together on {@link
 * #close()} (idempotent).
 *
 * <p>Registering an id whose beans already exist fails rather than replacing them: two live peers
 * with one myid in a JVM is a configuration error, and silently replacing would also let the first
 * peer's close unregister the second peer's beans. Close the previous registration first.
 */
public final class JmxRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);
    /** The JMX domain of every quorum bean. */
    public static final String DOMAIN = "io.quorum";

    private final MBeanServer server;
    private final List<ObjectName> names;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JmxRegistration(MBeanServer server, List<ObjectName> names) {
        this.server = server;
        this.names = List.copyOf(names);
    }

    /** Registers the peer's beans in the platform MBean server. */
    public static JmxRegistration register(long myId, PeerStatusSource source) {
        return register(ManagementFactory.getPlatformMBeanServer(), myId, source);
    }

    /**
     * Registers the peer's beans in {@code server}.
     *
     * @throws IllegalStateException if beans for {@code myId} are already registered there
     */
    public static JmxRegistration register(MBeanServer server, long myId, PeerStatusSource source) {
        Objects.requireNonNull(server, "server is null");
        Objects.requireNonNull(source, "source is null");
        List<ObjectName> done = new ArrayList<>(2);
        try {
            done.add(registerOne(server, peerName(myId), new PeerBean(source), myId));
            done.add(registerOne(server, electionName(myId), new ElectionBean(source), myId));
        } catch (RuntimeException e) {
            // All or nothing: a half-registered peer could not be registered again after a fix.
            new JmxRegistration(server, done).close();
            throw e;
        }
        LOG.debug("registered JMX beans {}", done);
        return new JmxRegistration(server, done);
    }

    private static ObjectName registerOne(MBeanServer server, ObjectName name, Object bean, long myId) {
        try {
            server.registerMBean(bean, name);
            return name;
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException(name + " is already registered: another peer with myid " + myId
                    + " runs in this JVM, or the previous one's JmxRegistration was not closed", e);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code io.quorum:type=Peer,id=<myId>}. */
    public static ObjectName peerName(long myId) {
        return name("Peer", myId);
    }

    /** {@code io.quorum:type=Election,id=<myId>}. */
    public static ObjectName electionName(long myId) {
        return name("Election", myId);
    }

    private static ObjectName name(String type, long myId) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",id=" + myId);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("a numeric id always makes a valid name", e);
        }
    }

    /** The registered names, peer bean first. */
    public List<ObjectName> names() {
        return names;
    }

    /** Unregisters the beans; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ObjectName name : names) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                LOG.debug("{} was already unregistered", name);
            } catch (JMException e) {
                LOG.warn("cannot unregister {}: {}", name, e.toString());
            }
        }
    }
}
