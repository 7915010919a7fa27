package io.quorum.dist.bench;

import io.quorum.dist.cds.ClassDataArchive;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the report says about the machine a run used; Linux's /proc where available. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu", procLine("/proc/cpuinfo", "model name"));
        machine.put("memory", procLine("/proc/meminfo", "MemTotal"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("peerJvmOptions", "every peer -XX:TieredStopAtLevel=1 -XX:+UseSerialGC; quorum "
                + String.join(" ", ClassDataArchive.PEER_JVM_OPTIONS) + "; ZooKeeper -Xmx128m");
        machine.put("benchJvmOptions", benchJvmOptions());
        machine.put("loadAverageAtStart", load());
        return machine;
    }

    /** This JVM's -X options: the poller shares the cores with the peers it times. */
    static String benchJvmOptions() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).toList());
    }

    /** The 1, 5 and 15 minute load averages now. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String procLine(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
