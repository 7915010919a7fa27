package io.quorum.transport.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Draws the faults of a run's safety phase from the fault stream of the seed and puts them on
 * the event queue. Each fault acts only while the safety phase lasts: once the liveness phase has
 * healed the network, late "end of fault" events must not undo the healing.
 */
final class FaultPlan {
    private final SimKnobs knobs;
    private final SplittableRandom random;
    private final EventQueue queue;
    private final SimDriver driver;
    private final SimNetwork network;
    private final IntConsumer loseSession;
    private final BooleanSupplier inSafetyPhase;
    private final int n;
    private final List<String> lines = new ArrayList<>();

    FaultPlan(SimKnobs knobs, SplittableRandom random, EventQueue queue, SimDriver driver, SimNetwork network,
            IntConsumer loseSession, BooleanSupplier inSafetyPhase) {
        this.knobs = knobs;
        this.random = random;
        this.queue = queue;
        this.driver = driver;
        this.network = network;
        this.loseSession = loseSession;
        this.inSafetyPhase = inSafetyPhase;
        this.n = driver.size();
    }

    /** Schedules every fault; returns one header line per fault, for the run's header. */
    List<String> schedule() {
        for (int k = 0; k < knobs.crashes(); k++) {
            planCrash();
        }
        for (int k = 0; k < knobs.partitions(); k++) {
            planPartition();
        }
        for (int k = 0; k < knobs.streamBreaks(); k++) {
            planStreamBreak();
        }
        if (knobs.swizzleLinks() > 0) {
            planSwizzle();
        }
        for (int k = 0; k < knobs.reelections(); k++) {
            int node = random.nextInt(n);
            long at = at();
            lines.add("plan lose-leader n" + (node + 1) + " at " + SimClock.format(at));
            during(at, () -> loseSession.accept(node));
        }
        return lines;
    }

    private long at() {
        return random.nextLong(knobs.safetyPhaseNanos());
    }

    private void during(long at, Runnable fault) {
        queue.schedule(at, () -> {
            if (inSafetyPhase.getAsBoolean()) {
                fault.run();
            }
        });
    }

    private void planCrash() {
        int node = random.nextInt(n);
        long at = at();
        long down = random.nextLong(1_000_000L, knobs.downtimeMaxNanos());
        lines.add("plan crash n" + (node + 1) + " at " + SimClock.format(at) + " for " + SimClock.format(down));
        during(at, () -> driver.crash(node));
        during(at + down, () -> driver.restart(node));
    }

    private void planPartition() {
        long at = at();
        long length = random.nextLong(1_000_000L, knobs.partitionMaxNanos());
        List<int[]> cut = new ArrayList<>();
        if (random.nextBoolean()) {
            int a = random.nextInt(n);
            int b = (a + 1 + random.nextInt(n - 1)) % n;
            cut.add(new int[] {a, b});
            lines.add("plan one-way partition n" + (a + 1) + ">n" + (b + 1) + " at " + SimClock.format(at)
                    + " for " + SimClock.format(length));
        } else {
            boolean[] sideA = randomSide();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (sideA[a] != sideA[b]) {
                        cut.add(new int[] {a, b});
                    }
                }
            }
            lines.add("plan two-way partition " + sideText(sideA) + " at " + SimClock.format(at) + " for "
                    + SimClock.format(length));
        }
        during(at, () -> cut.forEach(link -> network.block(link[0], link[1], true)));
        during(at + length, () -> cut.forEach(link -> network.block(link[0], link[1], false)));
    }

    /** A random non-empty proper subset of the peers. */
    private boolean[] randomSide() {
        boolean[] side = new boolean[n];
        int first = random.nextInt(n);
        int second = (first + 1 + random.nextInt(n - 1)) % n;
        side[first] = true;
        for (int i = 0; i < n; i++) {
            if (i != first && i != second && random.nextBoolean()) {
                side[i] = true;
            }
        }
        return side;
    }

    private static String sideText(boolean[] side) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < side.length; i++) {
            if (side[i]) {
                sb.append(sb.length() > 1 ? "," : "").append('n').append(i + 1);
            }
        }
        return sb.append("}|rest").toString();
    }

    private void planStreamBreak() {
        int a = random.nextInt(n);
        int b = (a + 1 + random.nextInt(n - 1)) % n;
        long at = at();
        long length = random.nextLong(1_000_000L, knobs.streamBreakMaxNanos());
        lines.add("plan stream-reset n" + (a + 1) + "-n" + (b + 1) + " at " + SimClock.format(at) + " for "
                + SimClock.format(length));
        during(at, () -> network.breakStream(a, b, true));
        during(at + length, () -> network.breakStream(a, b, false));
    }

    /**
     * FoundationDB's swizzle-clog: clog a random subset of directed links one at a time, then
     * unclog them one at a time in reverse or random order.
     */
    private void planSwizzle() {
        List<int[]> links = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    links.add(new int[] {a, b});
                }
            }
        }
        shuffle(links);
        List<int[]> chosen = new ArrayList<>(links.subList(0, Math.min(knobs.swizzleLinks(), links.size())));
        long step = knobs.swizzleStepNanos();
        long t = random.nextLong(Math.max(1, knobs.safetyPhaseNanos() / 2));
        for (int[] link : chosen) {
            during(t, () -> network.clog(link[0], link[1], true));
            t += step;
        }
        boolean reverse = random.nextBoolean();
        List<int[]> order = new ArrayList<>(chosen);
        if (reverse) {
            java.util.Collections.reverse(order);
        } else {
            shuffle(order);
        }
        lines.add("plan swizzle-clog " + chosen.size() + " links every " + SimClock.format(step) + ", unclog "
                + (reverse ? "in reverse" : "in random order"));
        for (int[] link : order) {
            t += step;
            during(t, () -> network.clog(link[0], link[1], false));
        }
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
