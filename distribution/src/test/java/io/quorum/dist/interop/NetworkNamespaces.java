package io.quorum.dist.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts of their own on this machine: one Linux network namespace per host, each with a veth
 * link to a bridge in this namespace, all in one private /24 that routes nowhere else. Needs
 * {@code ip} (iproute2) and the right to make namespaces (root or CAP_NET_ADMIN); {@link #create}
 * says why when it cannot. Every name carries a random tag so parallel runs do not collide, and
 * {@link #close} removes everything it made.
 */
final class NetworkNamespaces implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespaces.class);
    private static final long COMMAND_BOUND_SECONDS = 10;

    private final String tag;
    private final String subnet;
    private final int hosts;
    private final List<List<String>> undo = new ArrayList<>();

    private NetworkNamespaces(String tag, String subnet, int hosts) {
        this.tag = tag;
        this.subnet = subnet;
        this.hosts = hosts;
    }

    /** The hosts, or an exception saying which step this machine refused. */
    static NetworkNamespaces create(int hosts) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String tag = Integer.toHexString(0x1000 + random.nextInt(0xefff));
        NetworkNamespaces made = new NetworkNamespaces(tag, "10." + (200 + random.nextInt(50)) + "." + random.nextInt(250), hosts);
        try {
            made.build();
            return made;
        } catch (IOException | RuntimeException e) {
            made.close();
            throw e;
        }
    }

    private void build() throws IOException {
        String bridge = bridge();
        run("ip", "link", "add", bridge, "type", "bridge");
        undo.add(List.of("ip", "link", "del", bridge));
        run("ip", "addr", "add", subnet + ".254/24", "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        for (int host = 1; host <= hosts; host++) {
            String ns = namespace(host);
            String veth = "qv" + tag + host;
            run("ip", "netns", "add", ns);
            undo.add(List.of("ip", "netns", "del", ns));
            run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
            run("ip", "link", "set", veth, "master", bridge, "up");
            run("ip", "-n", ns, "addr", "add", address(host) + "/24", "dev", "eth0");
            run("ip", "-n", ns, "link", "set", "eth0", "up");
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
    }

    /** Host {@code host}'s address (1-based), reachable from this namespace through the bridge. */
    String address(int host) {
        return subnet + "." + host;
    }

    /** {@code command} run inside host {@code host}'s namespace ({@code ip netns exec} execs it: same pid). */
    List<String> inside(int host, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        wrapped.addAll(command);
        return wrapped;
    }

    private String namespace(int host) {
        return "quorum-it-" + tag + "-" + host;
    }

    private String bridge() {
        return "qb" + tag;
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(COMMAND_BOUND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
    }

    /** Removes the namespaces and the bridge, newest first; the veth links go with their namespaces. */
    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                run(undo.get(i).toArray(String[]::new));
            } catch (IOException e) {
                LOG.warn("could not undo: {}", e.getMessage());
            }
        }
        undo.clear();
    }
}
