package io.quorum.transport.sim;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A trivial core for the {@link CoreHarness} tests. On start it greets every other voter and sets
 * a "late" timer (100 ms, decides LEADING) and an "early" one (50 ms, which sets a "chained" timer
 * 10 ms later). Messages are commands: {@code decide}, {@code cancel}, {@code move}, anything else
 * is echoed back to its sender.
 */
final class ScriptedCore implements ElectionCore {
    static final TimerKey EARLY = new TimerKey("early");
    static final TimerKey LATE = new TimerKey("late");
    static final TimerKey CHAINED = new TimerKey("chained");
    static final long MILLIS = 1_000_000L;

    private final ElectionContext context;
    private byte[] lastSeen;

    ScriptedCore(ElectionContext context) {
        this.context = context;
    }

    static ElectionProvider provider() {
        return new ElectionProvider() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Set<Endpoint> endpoints() {
                return Set.of(Endpoint.ELECTION_TCP);
            }

            @Override
            public ElectionCore newCore(ElectionContext c) {
                return new ScriptedCore(c);
            }
        };
    }

    byte[] lastSeen() {
        return lastSeen;
    }

    @Override
    public void start(long now, Outbox out) {
        for (long voter : context.view().votingMembers()) {
            if (voter != context.myId()) {
                out.send(Destination.peer(voter, Endpoint.ELECTION_TCP), bytes("hello " + context.properties()));
            }
        }
        out.setTimer(LATE, now + 100 * MILLIS);
        out.setTimer(EARLY, now + 50 * MILLIS);
        out.trace("started at " + now);
    }

    @Override
    public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        lastSeen = bytes;
        String command = new String(bytes, StandardCharsets.UTF_8);
        switch (command) {
            case "decide" -> out.decide(context.initialVote().withState(ServerState.LEADING), ServerState.LEADING);
            case "cancel" -> out.cancelTimer(LATE);
            case "move" -> out.setTimer(LATE, now + 500 * MILLIS);
            default -> out.send(Destination.replyTo(from), bytes("echo " + command));
        }
    }

    @Override
    public void onTimer(TimerKey key, long now, Outbox out) {
        out.trace(key + " at " + now);
        if (key.equals(EARLY)) {
            out.setTimer(CHAINED, now + 10 * MILLIS);
        } else if (key.equals(LATE)) {
            out.decide(context.initialVote().withState(ServerState.LEADING), ServerState.LEADING);
        }
    }

    @Override
    public void onLink(long sid, boolean up, long now, Outbox out) {
        out.trace("link " + sid + (up ? " up" : " down"));
    }

    @Override
    public void onPeerState(ServerState state, Vote currentVote, long now, Outbox out) {
        out.trace("state " + state + " leader " + currentVote.leader());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
