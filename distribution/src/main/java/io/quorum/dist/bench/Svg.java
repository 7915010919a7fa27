package io.quorum.dist.bench;

import java.util.Locale;

/** Small helpers for writing inline SVG and HTML text. */
final class Svg {

    private Svg() {
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Milliseconds as the tables show them: three significant figures, at least whole. */
    static String millis(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String text(double x, double y, String anchor, String cls, String content) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\">"
                + esc(content) + "</text>\n";
    }

    static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
                + "\" class=\"" + cls + "\"/>\n";
    }

    /** A round axis maximum at or above {@code max}: 1, 2 or 5 times a power of ten. */
    static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
