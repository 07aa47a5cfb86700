package dev.autodiff.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts for the benchmark report: a line chart on log-log or log-linear axes and a grouped
 * bar chart on a log axis, each with a title, axis labels with units, grid lines at powers of ten (or round steps) and
 * a legend. Readable at a glance in a browser or on a repository page.
 */
final class Svg {
    private static final int WIDTH = 860, HEIGHT = 460, LEFT = 90, RIGHT = 250, TOP = 50, BOTTOM = 75;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private Svg() {
    }

    /** One line of a line chart: its name and its points (x, y), both positive on a log axis. */
    record Series(String name, double[] x, double[] y, boolean dashed) {
    }

    /** One group of a bar chart: its label and one value per series. */
    record Group(String label, double[] values) {
    }

    static String lineChart(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY, xMax = 0, yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        Axis xa = Axis.log(xMin, xMax, LEFT, WIDTH - RIGHT);
        Axis ya = logY ? Axis.log(yMin, yMax, HEIGHT - BOTTOM, TOP) : Axis.linear(0, yMax, HEIGHT - BOTTOM, TOP);
        StringBuilder s = header(title, xLabel, yLabel);
        grid(s, xa, ya);
        for (int k = 0; k < series.size(); k++) {
            Series line = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < line.x().length; i++) {
                if (Double.isFinite(line.y()[i])) {
                    points.append(f(xa.at(line.x()[i]))).append(',').append(f(ya.at(line.y()[i]))).append(' ');
                    s.append(String.format(Locale.ROOT, "<circle cx='%s' cy='%s' r='3.5' fill='%s'/>%n",
                            f(xa.at(line.x()[i])), f(ya.at(line.y()[i])), colour));
                }
            }
            s.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'%s/>%n",
                    points.toString().trim(), colour, line.dashed() ? " stroke-dasharray='6,4'" : ""));
            legend(s, k, line.name(), colour, line.dashed());
        }
        return s.append("</svg>\n").toString();
    }

    static String barChart(String title, String yLabel, String[] seriesNames, List<Group> groups, boolean logY) {
        double yMin = Double.POSITIVE_INFINITY, yMax = 0;
        for (Group g : groups) {
            for (double v : g.values()) {
                if (v > 0 && Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        Axis ya = logY ? Axis.log(yMin, yMax, HEIGHT - BOTTOM, TOP) : Axis.linear(0, yMax, HEIGHT - BOTTOM, TOP);
        StringBuilder s = header(title, "", yLabel);
        for (double t : ya.ticks()) {
            s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%s' y2='%s' stroke='#ddd'/>%n", LEFT,
                    WIDTH - RIGHT, f(ya.at(t)), f(ya.at(t))));
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%s' text-anchor='end' dy='4'>%s</text>%n", LEFT - 6,
                    f(ya.at(t)), label(t)));
        }
        double slot = (double) (WIDTH - RIGHT - LEFT) / groups.size();
        double bar = slot * 0.8 / seriesNames.length;
        for (int g = 0; g < groups.size(); g++) {
            double x0 = LEFT + g * slot + slot * 0.1;
            for (int k = 0; k < seriesNames.length; k++) {
                double v = groups.get(g).values()[k];
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double y = ya.at(v), base = HEIGHT - BOTTOM;
                s.append(String.format(Locale.ROOT,
                        "<rect x='%s' y='%s' width='%s' height='%s' fill='%s'><title>%s</title></rect>%n",
                        f(x0 + k * bar), f(y), f(bar - 2), f(base - y), COLOURS[k % COLOURS.length], label(v)));
                s.append(String.format(Locale.ROOT, "<text x='%s' y='%s' text-anchor='middle' font-size='11'>%s"
                        + "</text>%n", f(x0 + k * bar + bar / 2 - 1), f(y - 4), label(v)));
            }
            String[] lines = groups.get(g).label().split("\n");
            for (int l = 0; l < lines.length; l++) {
                s.append(String.format(Locale.ROOT, "<text x='%s' y='%d' text-anchor='middle'>%s</text>%n",
                        f(LEFT + g * slot + slot / 2), HEIGHT - BOTTOM + 20 + 16 * l, escape(lines[l])));
            }
        }
        axes(s);
        for (int k = 0; seriesNames.length > 1 && k < seriesNames.length; k++) {
            legend(s, k, seriesNames[k], COLOURS[k % COLOURS.length], false);
        }
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title, String xLabel, String yLabel) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "viewBox='0 0 %d %d' font-family='sans-serif' font-size='13'>%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width='%d' height='%d' fill='white'/>%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='28' text-anchor='middle' font-size='16' "
                + "font-weight='bold'>%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, escape(title)));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 15, escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<text transform='translate(22,%d) rotate(-90)' text-anchor='middle'>%s"
                + "</text>%n", (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
        return s;
    }

    private static void grid(StringBuilder s, Axis xa, Axis ya) {
        for (double t : xa.ticks()) {
            s.append(String.format(Locale.ROOT, "<line x1='%s' x2='%s' y1='%d' y2='%d' stroke='#ddd'/>%n", f(xa.at(t)),
                    f(xa.at(t)), TOP, HEIGHT - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x='%s' y='%d' text-anchor='middle'>%s</text>%n", f(xa.at(t)),
                    HEIGHT - BOTTOM + 18, label(t)));
        }
        for (double t : ya.ticks()) {
            s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%s' y2='%s' stroke='#ddd'/>%n", LEFT,
                    WIDTH - RIGHT, f(ya.at(t)), f(ya.at(t))));
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%s' text-anchor='end' dy='4'>%s</text>%n", LEFT - 6,
                    f(ya.at(t)), label(t)));
        }
        axes(s);
    }

    private static void axes(StringBuilder s) {
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>%n", LEFT,
                WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>%n", LEFT, LEFT,
                TOP, HEIGHT - BOTTOM));
    }

    private static void legend(StringBuilder s, int k, String name, String colour, boolean dashed) {
        int y = TOP + 10 + 22 * k, x = WIDTH - RIGHT + 15;
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='%s' stroke-width='3'%s/>%n",
                x, x + 22, y, y, colour, dashed ? " stroke-dasharray='6,4'" : ""));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' dy='4'>%s</text>%n", x + 28, y, escape(name)));
    }

    /** A log or linear axis from data values to pixels, with its tick values. */
    private record Axis(boolean log, double lo, double hi, double from, double to) {
        static Axis log(double min, double max, double from, double to) {
            return new Axis(true, Math.floor(Math.log10(min)), Math.ceil(Math.log10(max)), from, to);
        }

        static Axis linear(double min, double max, double from, double to) {
            double step = niceStep(max - min);
            return new Axis(false, 0, Math.ceil(max / step) * step, from, to);
        }

        double at(double v) {
            double t = log ? (Math.log10(v) - lo) / Math.max(1e-9, hi - lo) : (v - lo) / Math.max(1e-300, hi - lo);
            return from + t * (to - from);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double e = lo; e <= hi + 1e-9; e++) {
                    t.add(Math.pow(10, e));
                }
            } else {
                double step = niceStep(hi - lo);
                for (double v = lo; v <= hi + step / 2; v += step) {
                    t.add(v);
                }
            }
            return t;
        }

        private static double niceStep(double range) {
            double raw = range / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
            return raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        }
    }

    private static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-2) {
            int e = (int) Math.floor(Math.log10(a));
            double m = v / Math.pow(10, e);
            return Math.abs(m - 1) < 1e-9 ? "1e" + e : String.format(Locale.ROOT, "%.1fe%d", m, e);
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
