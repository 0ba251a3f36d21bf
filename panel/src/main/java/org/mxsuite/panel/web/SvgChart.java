package org.mxsuite.panel.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A chart drawn on the server as inline SVG: bars (one group per slot, one bar per series) or lines, a y axis from 0
 * to a round maximum, tick labels under chosen slots, an optional limit drawn as a dashed line. Presentation attributes
 * only (fill, stroke): the panel's Content-Security-Policy allows no style attribute and no script. The SVG carries a
 * title and a description for assistive technology; the figures themselves go in a table beside it (the caller's).
 */
final class SvgChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 44;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final String AXIS = "#5b6b7c";
    private static final String GRID = "#dde3ea";
    private static final String LIMIT = "#9b1c1c";

    private final String id;
    private final String title;
    private final String description;
    private final List<String> slots;
    private final List<Series> series = new ArrayList<>();
    private final Map<Integer, String> ticks = new LinkedHashMap<>();
    private OptionalLong limit = OptionalLong.empty();

    /** A chart of {@code slots.size()} slots, each named (the name shows when a bar is pointed at). */
    private SvgChart(String id, String title, String description, List<String> slots) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.slots = List.copyOf(slots);
    }

    static SvgChart of(String id, String title, String description, List<String> slots) {
        return new SvgChart(id, title, description, slots);
    }

    /** A series: one value per slot. */
    SvgChart series(String name, String colour, long[] values) {
        if (values.length != slots.size()) {
            throw new IllegalArgumentException(values.length + " values for " + slots.size() + " slots");
        }
        series.add(new Series(name, colour, values.clone()));
        return this;
    }

    /** A label under the slot at {@code index}. */
    SvgChart tick(int index, String label) {
        ticks.put(index, label);
        return this;
    }

    /** A dashed line at {@code value}, labelled as the limit. */
    SvgChart limit(long value) {
        limit = OptionalLong.of(value);
        return this;
    }

    /** Bars, the series of a slot side by side. */
    String bars() {
        StringBuilder shapes = new StringBuilder();
        long top = axisMaximum();
        double slot = slotWidth();
        double bar = slot * 0.8 / Math.max(1, series.size());
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            for (int i = 0; i < slots.size(); i++) {
                long value = one.values[i];
                if (value <= 0) {
                    continue;
                }
                double height = value * (double) PLOT_HEIGHT / top;
                double x = LEFT + i * slot + slot * 0.1 + s * bar;
                shapes.append("<rect class=\"bar\" x=\"").append(number(x)).append("\" y=\"").append(number(TOP + PLOT_HEIGHT - height))
                    .append("\" width=\"").append(number(bar)).append("\" height=\"").append(number(height)).append("\" fill=\"")
                    .append(Html.escape(one.colour)).append("\"><title>").append(Html.escape(slots.get(i) + ": " + value + " " + one.name))
                    .append("</title></rect>");
            }
        }
        return svg(shapes.toString(), top);
    }

    /** Lines, one per series, through the middle of each slot. */
    String line() {
        StringBuilder shapes = new StringBuilder();
        long top = axisMaximum();
        double slot = slotWidth();
        for (Series one : series) {
            if (slots.isEmpty()) {
                break;
            }
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < slots.size(); i++) {
                points.append(i == 0 ? "" : " ").append(number(LEFT + (i + 0.5) * slot)).append(',')
                    .append(number(TOP + PLOT_HEIGHT - one.values[i] * (double) PLOT_HEIGHT / top));
            }
            shapes.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(Html.escape(one.colour))
                .append("\" stroke-width=\"2\" points=\"").append(points).append("\"><title>").append(Html.escape(one.name))
                .append("</title></polyline>");
        }
        return svg(shapes.toString(), top);
    }

    private double slotWidth() {
        return slots.isEmpty() ? PLOT_WIDTH : PLOT_WIDTH / (double) slots.size();
    }

    /** The y axis' top: the largest value or the limit, rounded up to 1, 2 or 5 times a power of ten. */
    long axisMaximum() {
        long largest = limit.orElse(0);
        for (Series one : series) {
            for (long value : one.values) {
                largest = Math.max(largest, value);
            }
        }
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= largest) {
                    return step * power;
                }
            }
            if (power > Long.MAX_VALUE / 100) {
                return largest;
            }
            power *= 10;
        }
    }

    private String svg(String shapes, long top) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(Html.escape(id))
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"100%\" role=\"img\" aria-labelledby=\"")
            .append(Html.escape(id)).append("-title ").append(Html.escape(id)).append("-desc\"><title id=\"").append(Html.escape(id))
            .append("-title\">").append(Html.escape(title)).append("</title><desc id=\"").append(Html.escape(id)).append("-desc\">")
            .append(Html.escape(description)).append("</desc>");
        int bottom = TOP + PLOT_HEIGHT;
        for (long value : top >= 2 ? new long[] {0, top / 2, top} : new long[] {0, top}) {
            double y = bottom - value * (double) PLOT_HEIGHT / top;
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(number(y)).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(number(y)).append("\" stroke=\"").append(value == 0 ? AXIS : GRID).append("\"/>")
                .append("<text class=\"y-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(number(y + 4))
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"").append(AXIS).append("\">").append(value).append("</text>");
        }
        double slot = slotWidth();
        ticks.forEach((index, label) -> svg.append("<text class=\"x-label\" x=\"").append(number(LEFT + (index + 0.5) * slot))
            .append("\" y=\"").append(bottom + 16).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").append(AXIS).append("\">")
            .append(Html.escape(label)).append("</text>"));
        svg.append(shapes);
        if (limit.isPresent()) {
            double y = bottom - limit.getAsLong() * (double) PLOT_HEIGHT / top;
            svg.append("<line class=\"limit\" x1=\"").append(LEFT).append("\" y1=\"").append(number(y)).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(number(y)).append("\" stroke=\"").append(LIMIT).append("\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>")
                .append("<text class=\"limit-label\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(number(y - 4))
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"").append(LIMIT).append("\">limit ").append(limit.getAsLong())
                .append("</text>");
        }
        if (slots.isEmpty() || shapes.isEmpty()) {
            svg.append("<text class=\"empty\" x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(TOP + PLOT_HEIGHT / 2)
                .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"").append(AXIS).append("\">nothing in this period</text>");
        }
        double x = LEFT;
        for (Series one : series) {
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(HEIGHT - 14).append("\" width=\"10\" height=\"10\" fill=\"")
                .append(Html.escape(one.colour)).append("\"/><text class=\"legend\" x=\"").append(number(x + 14)).append("\" y=\"")
                .append(HEIGHT - 5).append("\" font-size=\"11\" fill=\"").append(AXIS).append("\">").append(Html.escape(one.name)).append("</text>");
            x += 24 + one.name.length() * 7;
        }
        return svg.append("</svg>").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static final class Series {
        private final String name;
        private final String colour;
        private final long[] values;

        Series(String name, String colour, long[] values) {
            this.name = name;
            this.colour = colour;
            this.values = values;
        }
    }
}
