package io.quorum.dist.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of a simulator trace the bench uses, parsed from its lines ({@code <seconds> n1>n2 send
 * ELECTION_TCP len=155 h=..}, {@code n1>n2 deliver ELECTION_TCP h=..}, {@code n2 start-round},
 * {@code n2 decide leader=3 role=FOLLOWING ...}, {@code n3 crash}).
 */
final class SimTrace {
    private static final Pattern LINE = Pattern.compile("^(\\d+)\\.(\\d{9}) (.*)$");
    private static final Pattern SEND = Pattern.compile("^n(\\d+)>n(\\d+) send (\\S+)(?: from \\S+)? len=(\\d+) h=(\\S+)$");
    private static final Pattern DELIVER = Pattern.compile("^n(\\d+)>n(\\d+) deliver (\\S+) h=(\\S+)$");
    private static final Pattern START = Pattern.compile("^n(\\d+) start-round$");
    private static final Pattern DECIDE = Pattern.compile("^n(\\d+) decide leader=(-?\\d+) role=(\\w+).*$");
    private static final Pattern CRASH = Pattern.compile("^n(\\d+) crash$");
    private static final Pattern ELECTION_ENDS = Pattern.compile("^election (\\d+) ends.*$");

    /** A message from send to delivery; {@code deliveredNanos} is -1 for one never delivered. */
    record Message(long from, long to, long sentNanos, long deliveredNanos, int bytes) {
    }

    /** A peer's decision. */
    record Decision(long sid, long atNanos, long leader, String role) {
    }

    /** A round a peer opened, or a crash. */
    record Mark(long sid, long atNanos, String what) {
    }

    private final List<Long> sids;
    private final List<Message> messages;
    private final List<Decision> decisions;
    private final List<Mark> marks;
    private final List<Long> electionEnds;

    private SimTrace(List<Long> sids, List<Message> messages, List<Decision> decisions, List<Mark> marks,
            List<Long> electionEnds) {
        this.sids = sids;
        this.messages = messages;
        this.decisions = decisions;
        this.marks = marks;
        this.electionEnds = electionEnds;
    }

    static SimTrace parse(String text) {
        TreeSet<Long> sids = new TreeSet<>();
        List<Message> messages = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        // Streams deliver in order; datagrams may not, so a delivery matches the oldest send of the same payload.
        Map<String, Deque<Integer>> inFlight = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher at = LINE.matcher(line);
            if (!at.matches()) {
                continue;
            }
            long nanos = Long.parseLong(at.group(1)) * 1_000_000_000L + Long.parseLong(at.group(2));
            String event = at.group(3);
            Matcher m;
            if ((m = SEND.matcher(event)).matches()) {
                long from = Long.parseLong(m.group(1));
                long to = Long.parseLong(m.group(2));
                sids.add(from);
                sids.add(to);
                inFlight.computeIfAbsent(from + ">" + to + " " + m.group(5), k -> new ArrayDeque<>()).addLast(messages.size());
                messages.add(new Message(from, to, nanos, -1, Integer.parseInt(m.group(4))));
            } else if ((m = DELIVER.matcher(event)).matches()) {
                Deque<Integer> waiting = inFlight.get(m.group(1) + ">" + m.group(2) + " " + m.group(4));
                if (waiting != null && !waiting.isEmpty()) {
                    int index = waiting.removeFirst();
                    Message sent = messages.get(index);
                    messages.set(index, new Message(sent.from(), sent.to(), sent.sentNanos(), nanos, sent.bytes()));
                }
            } else if ((m = START.matcher(event)).matches()) {
                sids.add(Long.parseLong(m.group(1)));
                marks.add(new Mark(Long.parseLong(m.group(1)), nanos, "round"));
            } else if ((m = CRASH.matcher(event)).matches()) {
                marks.add(new Mark(Long.parseLong(m.group(1)), nanos, "crash"));
            } else if ((m = DECIDE.matcher(event)).matches()) {
                decisions.add(new Decision(Long.parseLong(m.group(1)), nanos, Long.parseLong(m.group(2)), m.group(3)));
            } else if (ELECTION_ENDS.matcher(event).matches()) {
                ends.add(nanos);
            }
        }
        return new SimTrace(List.copyOf(sids), messages, decisions, marks, ends);
    }

    List<Long> sids() {
        return sids;
    }

    List<Message> messages() {
        return messages;
    }

    List<Decision> decisions() {
        return decisions;
    }

    List<Mark> marks() {
        return marks;
    }

    /** When each election of the run ended (every up peer decided), in order. */
    List<Long> electionEnds() {
        return electionEnds;
    }

    /**
     * Each peer's figures for its last round, as a real peer reports them: from the last round it
     * opened before its last decision to that decision, how long it took and what it sent
     * (messages sent at the decision's instant, such as its announcement, included).
     */
    List<PeerMeasure> peerMeasures() {
        List<PeerMeasure> peers = new ArrayList<>();
        for (long sid : sids) {
            Decision last = null;
            for (Decision d : decisions) {
                if (d.sid() == sid) {
                    last = d;
                }
            }
            Long opened = null;
            for (Mark mark : marks) {
                if (last != null && mark.sid() == sid && mark.what().equals("round") && mark.atNanos() <= last.atNanos()) {
                    opened = mark.atNanos();
                }
            }
            if (last == null || opened == null) {
                peers.add(new PeerMeasure(sid, null, null, null, null, null));
                continue;
            }
            long count = 0;
            long bytes = 0;
            for (Message message : messages) {
                if (message.from() == sid && message.sentNanos() >= opened && message.sentNanos() <= last.atNanos()) {
                    count++;
                    bytes += message.bytes();
                }
            }
            peers.add(new PeerMeasure(sid, (last.atNanos() - opened) / 1e6, count, bytes, null, null));
        }
        return peers;
    }
}
