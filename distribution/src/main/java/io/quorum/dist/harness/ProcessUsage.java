package io.quorum.dist.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a process has used so far, from Linux's {@code /proc/<pid>/stat} (user and system CPU
 * time) and {@code /proc/<pid>/status} ({@code VmHWM}, the peak resident set). Read while the
 * process runs: both are gone once it has exited.
 *
 * @param cpuSeconds user plus system CPU time
 * @param peakRssKib the resident set's high-water mark, in KiB
 */
public record ProcessUsage(double cpuSeconds, long peakRssKib) {

    /** USER_HZ: Linux reports times in 1/100 s on every architecture it exposes to user space. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final int UTIME_FIELD = 14;
    private static final int STIME_FIELD = 15;

    /** The usage of process {@code pid}, or empty if it has exited or this is not Linux. */
    public static Optional<ProcessUsage> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            return Optional.of(new ProcessUsage(cpuSeconds(Files.readString(proc.resolve("stat"))),
                    peakRssKib(Files.readString(proc.resolve("status")))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The stat line's 14th and 15th fields. The 2nd field, the command name in parentheses, may hold
     * blanks and parentheses itself, so fields are counted from the last closing parenthesis.
     */
    static double cpuSeconds(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] fields = afterName.trim().split("\\s+");
        // afterName starts at field 3 (the state).
        long ticks = Long.parseLong(fields[UTIME_FIELD - 3]) + Long.parseLong(fields[STIME_FIELD - 3]);
        return ticks / TICKS_PER_SECOND;
    }

    /** {@code VmHWM:   123456 kB}. */
    static long peakRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no VmHWM line in the process status");
    }
}
