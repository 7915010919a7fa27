package io.quorum.transport.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of a run: one line per send, delivery, drop, timer, link change, crash, restart,
 * decision and core trace line, each stamped with virtual time. A running 64-bit FNV-1a hash
 * covers every line even when text is not kept, so determinism is checked at full speed; the
 * text itself is kept whole or as a bounded tail of the last lines, so memory stays bounded.
 */
public final class Trace {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final boolean keepAll;
    private final int tailLines;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long hash = FNV_OFFSET;
    private long lineCount;

    /**
     * @param keepAll keep every line (for printing a whole run)
     * @param tailLines how many of the last lines to keep otherwise; 0 keeps none
     */
    public Trace(boolean keepAll, int tailLines) {
        this.keepAll = keepAll;
        this.tailLines = Math.max(0, tailLines);
    }

    /** Records a line at {@code timeNanos}. */
    public void add(long timeNanos, String text) {
        String line = SimClock.format(timeNanos) + " " + text;
        mix(line);
        lineCount++;
        if (keepAll) {
            lines.addLast(line);
        } else if (tailLines > 0) {
            if (lines.size() == tailLines) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    private void mix(String line) {
        long h = hash;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            h = (h ^ (c & 0xFF)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        hash = (h ^ '\n') * FNV_PRIME;
    }

    /** The hash of every line recorded so far, kept or not. */
    public long hash() {
        return hash;
    }

    /** How many lines were recorded, kept or not. */
    public long lineCount() {
        return lineCount;
    }

    /** The kept lines, oldest first. */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The kept lines as text, one per line. */
    public String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The last {@code count} kept lines as text. */
    public String tail(int count) {
        List<String> all = lines();
        return all.subList(Math.max(0, all.size() - count), all.size()).stream()
                .reduce(new StringBuilder(), (sb, l) -> sb.append(l).append('\n'), StringBuilder::append)
                .toString();
    }

    /** A 64-bit FNV-1a hash of a payload, for naming payloads in trace lines. */
    public static int payloadHash(byte[] payload) {
        long h = FNV_OFFSET;
        for (byte b : payload) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return (int) (h ^ (h >>> 32));
    }
}
