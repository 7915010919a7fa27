package io.quorum.peer.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns zoo.cfg text into numbers and booleans, with errors that name the setting. Stricter than
 * ZooKeeper on purpose: {@code Boolean.parseBoolean} reads "yes" as false and a typo in a port
 * surfaces much later as a bind failure, so both are rejected here.
 */
final class Values {
    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65_535;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern NEGATIVE = Pattern.compile("-[0-9]+");

    private Values() {
    }

    /** A number of at least 1 (ticks, milliseconds); {@code what} names the setting. */
    static int positiveInt(String what, String text) throws ConfigException {
        long value = number(what, text);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new ConfigException(what + " must be a positive number, not " + text);
        }
        return (int) value;
    }

    /** A number of at least 0, such as a weight or a server id. */
    static long nonNegativeLong(String what, String text) throws ConfigException {
        if (NEGATIVE.matcher(text).matches()) {
            throw new ConfigException(what + " must not be negative: " + text);
        }
        return number(what, text);
    }

    /** A TCP/UDP port from 1 to 65535; 0 would mean "any port", which no peer can be told to dial. */
    static int port(String what, String text) throws ConfigException {
        long value = number(what, text);
        if (value < MIN_PORT || value > MAX_PORT) {
            throw new ConfigException(what + " " + text + " is out of range " + MIN_PORT + "-" + MAX_PORT);
        }
        return (int) value;
    }

    /** {@code true} or {@code false}, ignoring case. */
    static boolean bool(String what, String text) throws ConfigException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        throw new ConfigException(what + " must be true or false, not '" + text + "'");
    }

    /** An optionally signed decimal that fits in a long; no "+", no hex, no blanks inside. */
    private static long number(String what, String text) throws ConfigException {
        boolean negative = NEGATIVE.matcher(text).matches();
        if (!negative && !DIGITS.matcher(text).matches()) {
            throw new ConfigException(what + " is not a number: '" + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(what + " is too large: " + text, e);
        }
    }
}
