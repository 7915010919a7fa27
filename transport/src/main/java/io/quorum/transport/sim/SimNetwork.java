package io.quorum.transport.sim;

import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated network between peers with indexes 0..n-1 (sid = index + 1). Streams
 * ({@link Endpoint#ELECTION_TCP}) are reliable and FIFO per direction but break on partitions,
 * crashes and injected resets; datagrams may be lost, duplicated and reordered. Session
 * connections ({@link SimConnection}, opened by a {@link PeerLayer}) are reliable and ordered too
 * and break the same way, but never come back: the layer opens a new one. Every directed link has
 * its own {@link LinkModel}, may be blocked (a one-way partition) and may be clogged (holding all
 * its traffic until unclogged). A message arrives tagged with the endpoint it was sent to and
 * routes replies to the socket it left from (alg 0's requests leave from the requester's
 * ephemeral socket, see {@link Endpoint#sentFrom}). Those requests leave from sockets connected
 * to their target, as in the runtime, so one that finds its target down (crashed, not merely cut
 * off by a partition) is refused: the sender hears of it a one-way latency later.
 */
public final class SimNetwork {
    /** What the network needs from the peers and tells them. */
    interface Peers {
        boolean isUp(int index);

        int incarnation(int index);

        void deliver(int to, Source from, byte[] payload);

        void linkChanged(int index, long otherSid, boolean up);

        /** A datagram {@code index} sent to {@code otherSid} was refused (ICMP port unreachable). */
        void refused(int index, long otherSid);
    }

    private record Held(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash) {
    }

    private final int n;
    private final SimClock clock;
    private final EventQueue queue;
    private final Trace trace;
    private final SplittableRandom random;
    private final Peers peers;
    private final boolean streamsInUse;
    private final LinkModel[][] models;
    private final boolean[][] blocked;
    private final boolean[][] clogged;
    private final int[][] breaks;
    private final boolean[][] pairUp;
    private final SimStream[][] streams;
    private final List<List<Held>> heldDatagrams = new ArrayList<>();
    /** By sender, the endpoint a message arrived on, and the sender's socket replies go back to. */
    private final Source[][][] sources;
    private final NetworkCounters counters = new NetworkCounters();
    /** Live session connections by id, so that every walk over them has one order. */
    private final Map<Long, SimConnection> connections = new TreeMap<>();
    private final PeerLayer layer;
    private long nextConnectionId;
    private boolean healed;

    SimNetwork(int n, SimClock clock, EventQueue queue, Trace trace, SplittableRandom random, Peers peers,
            PeerLayer layer, boolean streamsInUse, LinkModel[][] models) {
        this.n = n;
        this.layer = layer;
        this.clock = clock;
        this.queue = queue;
        this.trace = trace;
        this.random = random;
        this.peers = peers;
        this.streamsInUse = streamsInUse;
        this.models = models;
        this.blocked = new boolean[n][n];
        this.clogged = new boolean[n][n];
        this.breaks = new int[n][n];
        this.pairUp = new boolean[n][n];
        this.streams = new SimStream[n][n];
        int endpoints = Endpoint.values().length;
        this.sources = new Source[n][endpoints][endpoints];
        for (int i = 0; i < n; i++) {
            heldDatagrams.add(new ArrayList<>());
            for (int j = 0; j < n; j++) {
                streams[i][j] = new SimStream();
                pairUp[i][j] = true;
            }
            for (Endpoint arrival : Endpoint.values()) {
                for (Endpoint leftFrom : Endpoint.values()) {
                    sources[i][arrival.ordinal()][leftFrom.ordinal()] = new Source(i + 1, arrival,
                            new SimRoute(i + 1, leftFrom));
                }
            }
        }
    }

    public NetworkCounters counters() {
        return counters;
    }

    public int size() {
        return n;
    }

    /**
     * Sends from peer {@code from}'s socket {@code leftFrom} to the socket {@code endpoint} of the
     * peer with {@code toSid}; a reply to it comes back to {@code leftFrom}.
     */
    void send(int from, long toSid, Endpoint endpoint, Endpoint leftFrom, byte[] payload) {
        counters.sent++;
        int to = (int) (toSid - 1);
        if (toSid < 1 || toSid > n) {
            drop(from, to, endpoint, "unknown-peer");
            return;
        }
        // Hashed once here; the delivery line names the payload by the same hash.
        String hash = Integer.toHexString(Trace.payloadHash(payload));
        trace.add(clock.now(), "n" + (from + 1) + ">n" + toSid + " send " + endpoint
                + (leftFrom == endpoint ? "" : " from " + leftFrom) + " len=" + payload.length + " h=" + hash);
        if (from == to) {
            int incarnation = peers.incarnation(to);
            queue.schedule(clock.now(), () -> deliverIfAlive(from, to, endpoint, leftFrom, payload, hash, incarnation));
        } else if (endpoint == Endpoint.ELECTION_TCP) {
            sendStream(from, to, payload, hash);
        } else {
            sendDatagram(from, to, endpoint, leftFrom, payload, hash);
        }
    }

    private void sendStream(int from, int to, byte[] payload, String hash) {
        SimStream stream = streams[from][to];
        stream.lastMessage = payload;
        stream.lastHash = hash;
        if (!pairUp[from][to]) {
            drop(from, to, Endpoint.ELECTION_TCP, "stream-down");
            return;
        }
        enqueueStream(from, to, payload, hash);
    }

    private void enqueueStream(int from, int to, byte[] payload, String hash) {
        SimStream stream = streams[from][to];
        long due = Math.max(clock.now() + model(from, to).latency(random), stream.lastDueNanos);
        stream.lastDueNanos = due;
        stream.queue.addLast(new SimStream.InFlight(payload, hash, due));
        if (!stream.pumpPending) {
            schedulePump(from, to, due);
        }
    }

    private void schedulePump(int from, int to, long at) {
        SimStream stream = streams[from][to];
        long token = ++stream.pumpToken;
        stream.pumpPending = true;
        queue.schedule(Math.max(at, clock.now()), () -> pump(from, to, token));
    }

    private void pump(int from, int to, long token) {
        SimStream stream = streams[from][to];
        if (token != stream.pumpToken) {
            return;
        }
        stream.pumpPending = false;
        if (clogged[from][to] || stream.queue.isEmpty()) {
            return;
        }
        SimStream.InFlight head = stream.queue.removeFirst();
        if (!stream.queue.isEmpty()) {
            schedulePump(from, to, stream.queue.peekFirst().dueNanos());
        }
        deliver(from, to, Endpoint.ELECTION_TCP, Endpoint.ELECTION_TCP, head.payload(), head.hash());
    }

    private void sendDatagram(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash) {
        LinkModel model = model(from, to);
        if (blocked[from][to]) {
            drop(from, to, endpoint, "partition");
            return;
        }
        if (!peers.isUp(to)) {
            drop(from, to, endpoint, "target-down");
            refuse(from, to, leftFrom);
            return;
        }
        if (model.loss() > 0 && random.nextDouble() < model.loss()) {
            drop(from, to, endpoint, "loss");
            return;
        }
        scheduleDatagram(from, to, endpoint, leftFrom, payload, hash, datagramDelay(model));
        if (model.duplication() > 0 && random.nextDouble() < model.duplication()) {
            counters.duplicated++;
            trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " duplicate " + endpoint);
            scheduleDatagram(from, to, endpoint, leftFrom, payload, hash, datagramDelay(model));
        }
    }

    private long datagramDelay(LinkModel model) {
        long delay = model.latency(random);
        if (model.reorder() > 0 && random.nextDouble() < model.reorder()) {
            counters.reordered++;
            delay += random.nextLong(model.reorderMaxNanos() + 1);
        }
        return delay;
    }

    private void scheduleDatagram(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash,
            long delay) {
        int incarnation = peers.incarnation(to);
        queue.schedule(clock.now() + delay,
                () -> arriveDatagram(from, to, endpoint, leftFrom, payload, hash, incarnation));
    }

    private void arriveDatagram(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash,
            int incarnation) {
        if (blocked[from][to]) {
            drop(from, to, endpoint, "partition");
        } else if (clogged[from][to]) {
            trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " clog-hold " + endpoint);
            heldDatagrams.get(from).add(new Held(from, to, endpoint, leftFrom, payload, hash));
        } else {
            deliverIfAlive(from, to, endpoint, leftFrom, payload, hash, incarnation);
        }
    }

    private void deliverIfAlive(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash,
            int incarnation) {
        if (!peers.isUp(to) || peers.incarnation(to) != incarnation) {
            drop(from, to, endpoint, "target-down");
            refuse(from, to, leftFrom);
            return;
        }
        deliver(from, to, endpoint, leftFrom, payload, hash);
    }

    /**
     * A datagram from a connected socket (the requester's, {@link Endpoint#EPHEMERAL_UDP}) found
     * its target down: the refusal reaches the sender's socket of that time, if it still has it.
     */
    private void refuse(int from, int to, Endpoint leftFrom) {
        if (leftFrom != Endpoint.EPHEMERAL_UDP || from == to) {
            return;
        }
        int incarnation = peers.incarnation(from);
        queue.schedule(clock.now() + model(to, from).latency(random), () -> {
            if (peers.isUp(from) && peers.incarnation(from) == incarnation && !blocked[to][from]) {
                trace.add(clock.now(), "n" + (to + 1) + ">n" + (from + 1) + " refused");
                peers.refused(from, to + 1);
            }
        });
    }

    private void deliver(int from, int to, Endpoint endpoint, Endpoint leftFrom, byte[] payload, String hash) {
        counters.delivered++;
        trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " deliver " + endpoint + " h=" + hash);
        peers.deliver(to, sources[from][endpoint.ordinal()][leftFrom.ordinal()], payload);
    }

    private void drop(int from, int to, Endpoint endpoint, String why) {
        counters.dropped++;
        trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " drop " + endpoint + " " + why);
    }

    private LinkModel model(int from, int to) {
        return healed ? models[from][to].healed() : models[from][to];
    }

    // The fault operations below are package-private: FaultPlan and the liveness transition call them.

    void block(int from, int to, boolean on) {
        blocked[from][to] = on;
        trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + (on ? " partition" : " unpartition"));
        refreshPair(from, to);
    }

    void clog(int from, int to, boolean on) {
        if (clogged[from][to] == on) {
            return;
        }
        clogged[from][to] = on;
        trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + (on ? " clog" : " unclog"));
        if (!on) {
            releaseHeld(from, to);
        }
    }

    private void releaseHeld(int from, int to) {
        List<Held> held = heldDatagrams.get(from);
        List<Held> keep = new ArrayList<>();
        for (Held h : held) {
            if (h.to() == to) {
                scheduleDatagram(h.from(), h.to(), h.endpoint(), h.leftFrom(), h.payload(), h.hash(),
                        model(from, to).latency(random));
            } else {
                keep.add(h);
            }
        }
        held.clear();
        held.addAll(keep);
        SimStream stream = streams[from][to];
        if (!stream.queue.isEmpty() && !stream.pumpPending) {
            schedulePump(from, to, stream.queue.peekFirst().dueNanos());
        }
        for (SimConnection c : connections.values()) {
            SimConnection.Direction d = c.outbound(from);
            if (d.to == to && !d.queue.isEmpty() && !d.pumpPending) {
                scheduleConnectionPump(c, d, d.queue.peekFirst().dueNanos());
            }
        }
    }

    /** Resets the stream between two peers for a while (an injected connection reset). */
    void breakStream(int a, int b, boolean on) {
        breaks[a][b] += on ? 1 : -1;
        breaks[b][a] += on ? 1 : -1;
        trace.add(clock.now(), "n" + (a + 1) + "-n" + (b + 1) + (on ? " stream-reset" : " stream-reset-end"));
        refreshPair(a, b);
    }

    /** A peer went down or came up: its streams follow. */
    void peerChanged(int index) {
        if (!peers.isUp(index)) {
            for (int j = 0; j < n; j++) {
                streams[index][j].lastMessage = null;
            }
        }
        for (int j = 0; j < n; j++) {
            if (j != index) {
                refreshPair(index, j);
            }
        }
    }

    /** Ends every partition, clog and reset, and turns loss, duplication and reordering off. */
    void heal() {
        healed = true;
        trace.add(clock.now(), "network heal");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                blocked[i][j] = false;
                breaks[i][j] = 0;
                clog(i, j, false);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                refreshPair(i, j);
            }
        }
    }

    private void refreshPair(int a, int b) {
        if (a == b) {
            return;
        }
        boolean up = pathUp(a, b);
        if (up == pairUp[a][b]) {
            return;
        }
        pairUp[a][b] = up;
        pairUp[b][a] = up;
        if (!up) {
            breakConnections(a, b);
        }
        if (!streamsInUse) {
            return;
        }
        trace.add(clock.now(), "n" + (a + 1) + "-n" + (b + 1) + " stream " + (up ? "up" : "down"));
        if (up) {
            resendLast(a, b);
            resendLast(b, a);
        } else {
            dropInFlight(a, b);
            dropInFlight(b, a);
        }
        notifyLink(a, b, up);
        notifyLink(b, a, up);
    }

    private void resendLast(int from, int to) {
        byte[] last = streams[from][to].lastMessage;
        if (last != null) {
            String hash = streams[from][to].lastHash;
            counters.resent++;
            trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " resend-last h=" + hash);
            enqueueStream(from, to, last, hash);
        }
    }

    private void dropInFlight(int from, int to) {
        int dropped = streams[from][to].reset(clock.now());
        for (int k = 0; k < dropped; k++) {
            drop(from, to, Endpoint.ELECTION_TCP, "stream-reset");
        }
    }

    private void notifyLink(int index, int other, boolean up) {
        if (peers.isUp(index)) {
            peers.linkChanged(index, other + 1, up);
        }
    }

    boolean isStreamUp(int a, int b) {
        return pairUp[a][b];
    }

    private boolean pathUp(int a, int b) {
        return peers.isUp(a) && peers.isUp(b) && !blocked[a][b] && !blocked[b][a] && breaks[a][b] == 0;
    }

    // Session connections: what SimHost#connect, #write and #close do.

    /** Opens a connection from {@code from} to {@code to}: a SYN on its way; returns the connection's id. */
    long connect(int from, int to) {
        long id = ++nextConnectionId;
        SimConnection c = new SimConnection(id, from, to, peers.incarnation(from));
        connections.put(id, c);
        trace.add(clock.now(), "n" + (from + 1) + ">n" + (to + 1) + " " + c + " connect");
        if (from == to || !pathUp(from, to)) {
            // Nothing answers: the opener hears the refusal after a round trip.
            c.answered = true;
            c.acceptorOpen = false;
            long back = model(from, to).latency(random) + model(to, from).latency(random);
            queue.schedule(clock.now() + back, () -> hangUp(c, from, "unreachable"));
            return id;
        }
        enqueueItem(c, c.forward, SimConnection.Kind.SYN, null, null);
        return id;
    }

    /** Writes bytes from the end at {@code index}; dropped if that end is closed. */
    void write(int index, long id, byte[] bytes) {
        SimConnection c = connections.get(id);
        if (c == null || c.broken || !c.isOpen(index)) {
            return;
        }
        counters.sent++;
        String hash = Integer.toHexString(Trace.payloadHash(bytes));
        trace.add(clock.now(), "n" + (index + 1) + ">n" + (c.other(index) + 1) + " " + c + " send len=" + bytes.length
                + " h=" + hash);
        enqueueItem(c, c.outbound(index), SimConnection.Kind.DATA, bytes, hash);
    }

    /** Closes the end at {@code index}: the other end hears a FIN after everything written before it. */
    void close(int index, long id) {
        SimConnection c = connections.get(id);
        if (c == null || !c.isOpen(index)) {
            return;
        }
        c.shut(index);
        trace.add(clock.now(), "n" + (index + 1) + " " + c + " close");
        if (c.broken) {
            forgetIfFinished(c);
            return;
        }
        enqueueItem(c, c.outbound(index), SimConnection.Kind.FIN, null, null);
        forgetIfFinished(c);
    }

    private void enqueueItem(SimConnection c, SimConnection.Direction d, SimConnection.Kind kind, byte[] bytes,
            String hash) {
        long due = Math.max(clock.now() + model(d.from, d.to).latency(random), d.lastDueNanos);
        d.lastDueNanos = due;
        d.queue.addLast(new SimConnection.Item(kind, bytes, hash, due));
        if (!d.pumpPending) {
            scheduleConnectionPump(c, d, due);
        }
    }

    private void scheduleConnectionPump(SimConnection c, SimConnection.Direction d, long at) {
        long token = ++d.pumpToken;
        d.pumpPending = true;
        queue.schedule(Math.max(at, clock.now()), () -> pumpConnection(c, d, token));
    }

    private void pumpConnection(SimConnection c, SimConnection.Direction d, long token) {
        if (token != d.pumpToken) {
            return;
        }
        d.pumpPending = false;
        if (c.broken || clogged[d.from][d.to] || d.queue.isEmpty()) {
            return;
        }
        SimConnection.Item head = d.queue.removeFirst();
        if (!d.queue.isEmpty()) {
            scheduleConnectionPump(c, d, d.queue.peekFirst().dueNanos());
        }
        arrive(c, d.to, head);
    }

    private void arrive(SimConnection c, int at, SimConnection.Item item) {
        switch (item.kind()) {
            case SYN -> answer(c);
            case SYN_ACK -> {
                if (c.openerOpen && alive(c, at)) {
                    layer.connected(at, c.id);
                }
            }
            case DATA -> {
                if (c.isOpen(at) && alive(c, at)) {
                    counters.delivered++;
                    trace.add(clock.now(), "n" + (c.other(at) + 1) + ">n" + (at + 1) + " " + c + " deliver h="
                            + item.hash());
                    layer.received(at, c.id, item.bytes());
                }
            }
            case FIN -> hangUp(c, at, "closed by peer");
        }
    }

    /** The SYN reached the acceptor: it accepts if it is up and listening, else refuses. */
    private void answer(SimConnection c) {
        c.answered = true;
        int to = c.acceptor;
        if (peers.isUp(to) && layer.accepts(to)) {
            c.acceptorOpen = true;
            c.acceptorIncarnation = peers.incarnation(to);
            trace.add(clock.now(), "n" + (to + 1) + " " + c + " accept from n" + (c.opener + 1));
            enqueueItem(c, c.backward, SimConnection.Kind.SYN_ACK, null, null);
            layer.accepted(to, c.id, c.opener);
        } else {
            trace.add(clock.now(), "n" + (to + 1) + " " + c + " refuse");
            enqueueItem(c, c.backward, SimConnection.Kind.FIN, null, null);
        }
        forgetIfFinished(c);
    }

    /** The end at {@code index} learns the connection is gone, if it did not know. */
    private void hangUp(SimConnection c, int index, String why) {
        if (!c.isOpen(index)) {
            return;
        }
        c.shut(index);
        forgetIfFinished(c);
        if (alive(c, index)) {
            trace.add(clock.now(), "n" + (index + 1) + " " + c + " disconnected: " + why);
            layer.disconnected(index, c.id);
        }
    }

    private boolean alive(SimConnection c, int index) {
        return peers.isUp(index) && peers.incarnation(index) == c.incarnationAt(index);
    }

    /**
     * The path between {@code a} and {@code b} went down: every connection between them breaks,
     * what was in flight is lost, and each end that was open hears it, in a separate event.
     */
    private void breakConnections(int a, int b) {
        for (SimConnection c : new ArrayList<>(connections.values())) {
            if (!c.isBetween(a, b)) {
                continue;
            }
            if (c.broken) {
                continue;
            }
            c.broken = true;
            trace.add(clock.now(), c + " broken");
            for (SimConnection.Direction d : List.of(c.forward, c.backward)) {
                counters.dropped += d.queue.size();
                d.queue.clear();
                d.pumpToken++;
                d.pumpPending = false;
            }
            c.answered = true;
            for (int end : new int[] {c.opener, c.acceptor}) {
                if (c.isOpen(end)) {
                    queue.schedule(clock.now(), () -> hangUp(c, end, "broken"));
                }
            }
            if (!c.openerOpen && !c.acceptorOpen) {
                connections.remove(c.id);
            }
        }
    }

    private void forgetIfFinished(SimConnection c) {
        if (c.isFinished()) {
            connections.remove(c.id);
        }
    }
}
