package io.quorum.dist.status;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What asking one peer {@code srvr} gave.
 *
 * @param target the peer asked
 * @param outcome whether it answered, and how
 * @param answer the parsed answer when {@code outcome} is SERVING
 * @param detail why a peer is UNREACHABLE or its answer is not usable (the error or the start of
 *     the text); empty otherwise
 */
public record Probe(StatusTarget target, Outcome outcome, Optional<SrvrAnswer> answer, String detail) {

    /** How a peer answered {@code srvr}. */
    public enum Outcome {
        /** A {@code Mode:} line: the peer leads, follows, observes or runs alone. */
        SERVING("serving"),
        /** ZooKeeper's "not currently serving requests": the peer is electing. */
        NOT_SERVING("not-serving"),
        /** No connection: refused, timed out, unknown host. */
        UNREACHABLE("unreachable"),
        /** Connected, but closed (or went silent) without a byte. */
        NO_ANSWER("no-answer"),
        /**
         * Text that is not a srvr answer, e.g. ZooKeeper's "srvr is not executed because it is not
         * in the whitelist."
         */
        UNRECOGNISED("unrecognised");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The one word the status table shows in the MODE column. */
        public String label() {
            return label;
        }
    }

    public Probe {
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(outcome, "outcome is null");
        Objects.requireNonNull(answer, "answer is null");
        Objects.requireNonNull(detail, "detail is null");
        if (answer.isPresent() != (outcome == Outcome.SERVING)) {
            throw new IllegalArgumentException("an answer comes with SERVING and only with it, not with " + outcome);
        }
    }

    /** Interprets the text a peer sent back for {@code srvr}. */
    public static Probe of(StatusTarget target, String text) {
        if (text.isEmpty()) {
            return new Probe(target, Outcome.NO_ANSWER, Optional.empty(), "closed without answering");
        }
        if (text.contains(SrvrAnswer.NOT_SERVING)) {
            return new Probe(target, Outcome.NOT_SERVING, Optional.empty(), "");
        }
        Optional<SrvrAnswer> answer = SrvrAnswer.parse(text);
        if (answer.isPresent()) {
            return new Probe(target, Outcome.SERVING, answer, "");
        }
        String firstLine = text.strip().lines().findFirst().orElse("");
        return new Probe(target, Outcome.UNRECOGNISED, Optional.empty(),
                "answered '" + (firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine) + "'");
    }

    /** A peer that could not be reached, and why. */
    public static Probe unreachable(StatusTarget target, String why) {
        return new Probe(target, Outcome.UNREACHABLE, Optional.empty(), why);
    }

    /** Whether the peer says {@code Mode: leader}. */
    public boolean isLeader() {
        return answer.map(SrvrAnswer::isLeader).orElse(false);
    }

    /** The peer's id: what it says itself (our peers) or else what the zoo.cfg says. */
    public OptionalLong sid() {
        OptionalLong said = answer.map(SrvrAnswer::serverId).orElse(OptionalLong.empty());
        return said.isPresent() ? said : target.sid();
    }
}
