package io.quorum.election.auth;

import io.quorum.api.ServerState;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.TimerKey;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sending half of 3.4.14's Messenger (PROTOCOL.md 5.2, "Sender side"): each notification is
 * delivered to its server by up to {@code sendAttempts} attempts. Under alg 2 an attempt first
 * asks for a challenge for the notification's tag and waits {@code ackWait * 2^attempt} for it
 * (an attempt without one is spent); it then sends the notification, carrying the challenge under
 * alg 2, and waits {@code ackWait * 10^attempt} for the ack with that tag. When the attempts run
 * out the notification is put back, with its tag and without its challenge, if this peer's
 * logical clock still equals the notification's epoch; otherwise it is dropped.
 *
 * <p>Deviation: 3.4.14 runs each notification in one of 2N sender threads and keeps every one it
 * queued, so after a few proposals several stale votes to the same server are retried side by
 * side (and a full queue silently drops new ones). Here each server has at most one notification
 * in delivery, the newest: a new proposal to a server supersedes the one still being delivered,
 * whose late ack or challenge is then ignored. A stale vote carries nothing the newer one does
 * not, and the state stays bounded.
 */
final class Deliveries {
    private static final String TIMER_PREFIX = "deliver-";

    /** One notification on its way to one server. */
    private static final class Delivery {
        final long sid;
        final long tag;
        final Ballot ballot;
        final long epoch;
        int attempt;
        boolean awaitingChallenge;
        boolean haveChallenge;
        long challenge;

        Delivery(long sid, long tag, Ballot ballot, long epoch) {
            this.sid = sid;
            this.tag = tag;
            this.ballot = ballot;
            this.epoch = epoch;
        }
    }

    private final AuthSettings settings;
    private final boolean challenges;
    private final Map<Long, Delivery> bySid = new TreeMap<>();
    private final Map<Long, TimerKey> keys = new HashMap<>();
    private final Map<TimerKey, Long> sids = new HashMap<>();
    private long putBack;
    private long strayChallenges;

    Deliveries(AuthSettings settings, boolean challenges) {
        this.settings = settings;
        this.challenges = challenges;
    }

    /** Starts delivering a notification of {@code ballot} in {@code epoch} to {@code sid}. */
    void deliver(long sid, long tag, Ballot ballot, long epoch, long now, Outbox out) {
        Delivery delivery = new Delivery(sid, tag, ballot, epoch);
        bySid.put(sid, delivery);
        attempt(delivery, now, out);
    }

    /**
     * A timer fired. Returns false when it is not one of the deliveries' timers.
     *
     * @param logicalClock the peer's logical clock now, which decides whether a notification whose
     *     attempts ran out is put back
     */
    boolean onTimer(TimerKey key, long logicalClock, long now, Outbox out) {
        Long sid = sids.get(key);
        if (sid == null) {
            return false;
        }
        Delivery delivery = bySid.get(sid);
        if (delivery == null) {
            return true;
        }
        delivery.attempt++;
        if (delivery.attempt < settings.sendAttempts()) {
            attempt(delivery, now, out);
        } else if (delivery.epoch == logicalClock) {
            putBack++;
            delivery.attempt = 0;
            delivery.haveChallenge = false;
            out.trace("no ack from " + sid + " for tag " + delivery.tag + " after " + settings.sendAttempts()
                    + " attempts: put it back");
            attempt(delivery, now, out);
        } else {
            bySid.remove(sid);
        }
        return true;
    }

    /** {@code sid}'s challenge for {@code tag}: the notification goes out if one was waiting for it. */
    void onChallenge(long sid, long tag, long challenge, long now, Outbox out) {
        Delivery delivery = bySid.get(sid);
        // Deviation: 3.4.14 takes a challenge for the tag from any address; here only from the
        // server the notification is for, since it is that server that will check it.
        if (!challenges || delivery == null || delivery.tag != tag || !delivery.awaitingChallenge) {
            // 3.4.14 logs "No challenge mutex object".
            strayChallenges++;
            return;
        }
        delivery.haveChallenge = true;
        delivery.challenge = challenge;
        sendNotification(delivery, now, out);
    }

    /**
     * {@code sid} acknowledged {@code tag}. Returns whether that ended a delivery (an ack for a
     * superseded or finished notification ends none).
     */
    boolean onAck(long sid, long tag, Outbox out) {
        Delivery delivery = bySid.get(sid);
        if (delivery == null || delivery.tag != tag) {
            return false;
        }
        bySid.remove(sid);
        out.cancelTimer(key(sid));
        return true;
    }

    /** Whether a notification to {@code sid} is still being delivered. */
    boolean pending(long sid) {
        return bySid.containsKey(sid);
    }

    /** Notifications put back after their attempts ran out. */
    long putBackCount() {
        return putBack;
    }

    /** Challenges no delivery was waiting for. */
    long strayChallenges() {
        return strayChallenges;
    }

    private void attempt(Delivery delivery, long now, Outbox out) {
        if (challenges && !delivery.haveChallenge) {
            delivery.awaitingChallenge = true;
            out.send(to(delivery), AuthCodec.encode(new AuthMessage.ChallengeRequest(delivery.tag, ServerState.LOOKING)));
            out.setTimer(key(delivery.sid), now + settings.challengeWaitNanos(delivery.attempt));
        } else {
            sendNotification(delivery, now, out);
        }
    }

    private void sendNotification(Delivery delivery, long now, Outbox out) {
        delivery.awaitingChallenge = false;
        Ballot ballot = delivery.ballot;
        out.send(to(delivery), AuthCodec.encode(new AuthMessage.Notification(delivery.tag, ServerState.LOOKING,
                ballot.leader(), ballot.zxid(), delivery.epoch, challenges ? delivery.challenge : 0)));
        out.setTimer(key(delivery.sid), now + settings.ackWaitNanos(delivery.attempt));
    }

    private static Destination to(Delivery delivery) {
        return Destination.peer(delivery.sid, Endpoint.ELECTION_UDP);
    }

    private TimerKey key(long sid) {
        return keys.computeIfAbsent(sid, s -> {
            TimerKey key = new TimerKey(TIMER_PREFIX + s);
            sids.put(key, s);
            return key;
        });
    }
}
