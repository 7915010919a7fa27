package io.quorum.dist.bench;

import java.util.List;

/** One scenario and size as an SVG box plot: a row per system, whiskers min-max, box q1-q3, median, every trial a dot. */
final class BoxPlot {
    private static final int WIDTH = 760;
    private static final int LABEL = 170;
    private static final int ROW = 34;
    private static final int AXIS = 36;

    private BoxPlot() {
    }

    static String svg(String title, List<BenchResults.Cell> cells) {
        double max = Svg.niceMax(cells.stream().flatMap(c -> c.millis().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(1));
        int plot = WIDTH - LABEL - 30;
        int height = 24 + ROW * cells.size() + AXIS;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"box\" width=\"" + WIDTH
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\""
                + Svg.esc(title) + "\">\n");
        svg.append(Svg.text(LABEL, 16, "start", "title", title));
        for (int i = 0; i < cells.size(); i++) {
            BenchResults.Cell cell = cells.get(i);
            double y = 24 + ROW * i + ROW / 2.0;
            svg.append(Svg.text(LABEL - 8, y + 4, "end", "label", cell.system()));
            if (cell.summary() == null) {
                svg.append(Svg.text(LABEL + 4, y + 4, "start", "failed", "every trial failed (" + cell.failed() + ")"));
                continue;
            }
            Summary s = cell.summary();
            double q1 = Summary.q1(cell.millis());
            double q3 = Summary.q3(cell.millis());
            svg.append(Svg.line(x(s.min(), max, plot), y, x(s.max(), max, plot), y, "whisker"));
            svg.append(Svg.line(x(s.min(), max, plot), y - 7, x(s.min(), max, plot), y + 7, "whisker"));
            svg.append(Svg.line(x(s.max(), max, plot), y - 7, x(s.max(), max, plot), y + 7, "whisker"));
            svg.append("<rect x=\"").append(Svg.num(x(q1, max, plot))).append("\" y=\"").append(Svg.num(y - 10))
                    .append("\" width=\"").append(Svg.num(Math.max(1, x(q3, max, plot) - x(q1, max, plot))))
                    .append("\" height=\"20\" class=\"iqr s").append(i % 8).append("\"/>\n");
            svg.append(Svg.line(x(s.median(), max, plot), y - 10, x(s.median(), max, plot), y + 10, "median"));
            for (double value : cell.millis()) {
                svg.append("<circle cx=\"").append(Svg.num(x(value, max, plot))).append("\" cy=\"").append(Svg.num(y))
                        .append("\" r=\"2.5\" class=\"dot\"/>\n");
            }
            if (cell.failed() > 0) {
                svg.append(Svg.text(WIDTH - 4, y + 4, "end", "failed", cell.failed() + " failed"));
            }
        }
        double axisY = 24 + ROW * cells.size() + 4;
        svg.append(Svg.line(LABEL, axisY, LABEL + plot, axisY, "axis"));
        for (int tick = 0; tick <= 5; tick++) {
            double value = max * tick / 5;
            double x = x(value, max, plot);
            svg.append(Svg.line(x, axisY, x, axisY + 5, "axis"));
            svg.append(Svg.text(x, axisY + 18, "middle", "tick", Svg.millis(value)));
        }
        svg.append(Svg.text(LABEL + plot, axisY + 32, "end", "tick", "milliseconds"));
        return svg.append("</svg>\n").toString();
    }

    private static double x(double value, double max, int plot) {
        return LABEL + plot * value / max;
    }
}
