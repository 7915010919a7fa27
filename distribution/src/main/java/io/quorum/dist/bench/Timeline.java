package io.quorum.dist.bench;

import java.util.List;

/**
 * A simulated election as a picture: a lane per peer, time left to right, each message an arrow
 * from its sender's lane at the send to its receiver's lane at the delivery, each opened round a
 * tick, each decision a marked dot (L leads, F follows).
 */
final class Timeline {
    private static final int WIDTH = 900;
    private static final int LEFT = 60;
    private static final int LANE = 46;

    private Timeline() {
    }

    static String svg(String title, String traceText) {
        SimTrace trace = SimTrace.parse(traceText);
        long end = trace.electionEnds().isEmpty() ? lastEvent(trace) : trace.electionEnds().get(0);
        long horizon = Math.max(1, end + end / 10);
        List<Long> sids = trace.sids();
        int plot = WIDTH - LEFT - 40;
        int height = 30 + LANE * sids.size() + 30;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\""
                + WIDTH + "\" height=\"" + height + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\" aria-label=\""
                + Svg.esc(title) + "\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                + "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" "
                + "class=\"head\"/></marker></defs>\n");
        svg.append(Svg.text(LEFT, 16, "start", "title", title));
        for (int i = 0; i < sids.size(); i++) {
            double y = lane(i);
            svg.append(Svg.text(LEFT - 10, y + 4, "end", "label", "sid " + sids.get(i)));
            svg.append(Svg.line(LEFT, y, LEFT + plot, y, "lane"));
        }
        for (SimTrace.Message m : trace.messages()) {
            if (m.sentNanos() > horizon || m.deliveredNanos() < 0 || m.from() == m.to()) {
                continue;
            }
            long delivered = Math.min(m.deliveredNanos(), horizon);
            svg.append("<line x1=\"").append(Svg.num(x(m.sentNanos(), horizon, plot))).append("\" y1=\"")
                    .append(Svg.num(lane(sids.indexOf(m.from())))).append("\" x2=\"")
                    .append(Svg.num(x(delivered, horizon, plot))).append("\" y2=\"")
                    .append(Svg.num(lane(sids.indexOf(m.to())))).append("\" class=\"msg\" marker-end=\"url(#arrow)\"/>\n");
        }
        for (SimTrace.Mark mark : trace.marks()) {
            if (mark.atNanos() <= horizon) {
                double x = x(mark.atNanos(), horizon, plot);
                double y = lane(sids.indexOf(mark.sid()));
                svg.append(Svg.line(x, y - 9, x, y + 9, mark.what()));
            }
        }
        for (SimTrace.Decision d : trace.decisions()) {
            if (d.atNanos() <= horizon) {
                double x = x(d.atNanos(), horizon, plot);
                double y = lane(sids.indexOf(d.sid()));
                boolean leads = d.role().equals("LEADING");
                svg.append("<circle cx=\"").append(Svg.num(x)).append("\" cy=\"").append(Svg.num(y))
                        .append("\" r=\"8\" class=\"").append(leads ? "leads" : "follows").append("\"/>\n");
                svg.append(Svg.text(x, y + 4, "middle", "decision", leads ? "L" : "F"));
            }
        }
        double axisY = 30 + LANE * sids.size();
        for (int tick = 0; tick <= 4; tick++) {
            long at = horizon * tick / 4;
            svg.append(Svg.text(x(at, horizon, plot), axisY + 12, "middle", "tick", Svg.millis(at / 1e6) + " ms"));
        }
        return svg.append("</svg>\n").toString();
    }

    private static long lastEvent(SimTrace trace) {
        return trace.messages().stream().mapToLong(SimTrace.Message::sentNanos).max().orElse(1);
    }

    private static double lane(int index) {
        return 30 + LANE * index + LANE / 2.0;
    }

    private static double x(long nanos, long horizon, int plot) {
        return LEFT + plot * (double) nanos / horizon;
    }
}
