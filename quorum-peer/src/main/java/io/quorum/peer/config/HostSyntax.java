package io.quorum.peer.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the spelling of host names and IP literals without resolving anything: config parsing
 * must not wait on (or depend on the answer of) DNS, so only syntax is judged here.
 */
final class HostSyntax {
    // Letters, digits, dots, hyphens; underscores too, since container host names use them.
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int IPV6_GROUPS = 8;

    private HostSyntax() {
    }

    /** A DNS name or an IPv4 literal. */
    static boolean isHostName(String text) {
        return HOST_NAME.matcher(text).matches();
    }

    /** An IPv6 literal without brackets, optionally with a {@code %zone}. */
    static boolean isIpv6Literal(String text) {
        int percent = text.indexOf('%');
        if (percent >= 0 && !ZONE.matcher(text.substring(percent + 1)).matches()) {
            return false;
        }
        String address = percent >= 0 ? text.substring(0, percent) : text;
        int gap = address.indexOf("::");
        if (gap < 0) {
            return groupCount(split(address), true) == IPV6_GROUPS;
        }
        if (address.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        // An embedded IPv4 address may only end the whole address, never the part before "::".
        int head = groupCount(split(address.substring(0, gap)), false);
        int tail = groupCount(split(address.substring(gap + 2)), true);
        return head >= 0 && tail >= 0 && head + tail < IPV6_GROUPS;
    }

    private static List<String> split(String part) {
        return part.isEmpty() ? List.of() : Arrays.asList(part.split(":", -1));
    }

    /** Number of 16-bit groups, an IPv4 tail counting two; -1 if any group is malformed. */
    private static int groupCount(List<String> groups, boolean ipv4TailAllowed) {
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            boolean last = i == groups.size() - 1;
            if (ipv4TailAllowed && last && isIpv4(group)) {
                count += 2;
            } else if (HEX_GROUP.matcher(group).matches()) {
                count += 1;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isIpv4(String text) {
        var matcher = IPV4.matcher(text);
        if (!matcher.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(matcher.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
