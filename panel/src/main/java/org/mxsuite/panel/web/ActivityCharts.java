package org.mxsuite.panel.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mxsuite.activity.ActivityStore;
import org.mxsuite.activity.HourCounts;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;

/**
 * The pictures of a domain's page: the held messages over the last 7 days (the highest sample of each hour) and the
 * deliveries, deferrals and returns per hour over the last 48 hours, from the activity series every node writes to
 * the state store; then the relay usage, for a domain that relays through this server ({@link RelayUsageSection}).
 * Each chart is followed by its figures in a table.
 */
final class ActivityCharts {
    static final int HELD_DAYS = 7;
    static final int DELIVERY_HOURS = 48;
    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_OF_DAY = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    private final ActivityStore activity;
    private final RelayUsageSection relay;
    private final Clock clock;

    ActivityCharts(ActivityStore activity, RelayUsageSection relay, Clock clock) {
        this.activity = activity;
        this.relay = relay;
        this.clock = clock;
    }

    /** The charts of the domain: its held mail and deliveries when it holds mail, its relay usage when it relays. */
    String of(HostedDomain domain) {
        String relayed = relay.of(domain);
        if (domain.holdPolicy().isEmpty()) {
            return relayed;
        }
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        return "<h2 id=\"activity\">Activity</h2>" + held(domain.name(), hour) + deliveries(domain.name(), hour) + relayed;
    }

    /** From midnight (UTC) six days ago to this hour: whole days, today's so far. */
    private String held(DomainName domain, Instant hour) {
        Instant first = hour.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(HELD_DAYS - 1L));
        int hours = (int) Duration.between(first, hour).toHours() + 1;
        long[] highest = new long[hours];
        for (Map.Entry<Instant, Long> sample : activity.held(domain, first, hour.plus(Duration.ofHours(1))).entrySet()) {
            int slot = (int) Duration.between(first, sample.getKey()).toHours();
            highest[slot] = Math.max(highest[slot], sample.getValue());
        }
        SvgChart chart = SvgChart.of("held-chart", "Held messages, last " + HELD_DAYS + " days",
            "The highest number of messages held for " + domain.asString() + " in each hour (UTC); the table below gives each day's highest.",
            hourSlots(first, hours)).series("held messages", "#1d3557", highest);
        StringBuilder rows = new StringBuilder();
        for (int day = 0; day < HELD_DAYS; day++) {
            long most = 0;
            for (int i = day * 24; i < Math.min(hours, (day + 1) * 24); i++) {
                most = Math.max(most, highest[i]);
            }
            Instant start = first.plus(Duration.ofDays(day));
            chart.tick(day * 24, SHORT_DAY.format(start));
            rows.append("<tr><td>").append(DAY.format(start)).append("</td><td>").append(most).append("</td></tr>");
        }
        return "<h3>Held messages</h3><figure>" + chart.line() + "</figure>"
            + "<table id=\"held-figures\"><thead><tr><th>Day (UTC)</th><th>Most held</th></tr></thead><tbody>" + rows + "</tbody></table>";
    }

    private String deliveries(DomainName domain, Instant hour) {
        Instant first = hour.minus(Duration.ofHours(DELIVERY_HOURS - 1L));
        long[] delivered = new long[DELIVERY_HOURS];
        long[] deferred = new long[DELIVERY_HOURS];
        long[] returned = new long[DELIVERY_HOURS];
        StringBuilder rows = new StringBuilder();
        for (HourCounts counts : activity.hourly(domain, first, hour.plus(Duration.ofHours(1)))) {
            int slot = (int) Duration.between(first, counts.hour()).toHours();
            delivered[slot] = counts.delivered();
            deferred[slot] = counts.deferred();
            returned[slot] = counts.returned();
            rows.append("<tr><td>").append(HOUR.format(counts.hour())).append("</td><td class=\"delivered\">").append(counts.delivered())
                .append("</td><td class=\"deferred\">").append(counts.deferred()).append("</td><td class=\"returned\">").append(counts.returned())
                .append("</td></tr>");
        }
        SvgChart chart = SvgChart.of("delivery-chart", "Deliveries, deferrals and returns per hour, last " + DELIVERY_HOURS + " hours",
            "Recipients of " + domain.asString() + " delivered, deferred (to be tried again) and returned to their senders, per hour (UTC); "
                + "the totals and each hour's figures follow.", hourSlots(first, DELIVERY_HOURS))
            .series("delivered", "#2a9d8f", delivered).series("deferred", "#e9c46a", deferred).series("returned", "#e76f51", returned);
        for (int i = 0; i < DELIVERY_HOURS; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            if (start.atZone(ZoneOffset.UTC).getHour() % 6 == 0) {
                chart.tick(i, start.atZone(ZoneOffset.UTC).getHour() == 0 ? SHORT_DAY.format(start) : HOUR_OF_DAY.format(start));
            }
        }
        String totals = "<ul id=\"delivery-totals\"><li>Delivered: <span class=\"delivered\">" + sum(delivered) + "</span></li>"
            + "<li>Deferred: <span class=\"deferred\">" + sum(deferred) + "</span></li>"
            + "<li>Returned to the sender: <span class=\"returned\">" + sum(returned) + "</span></li></ul>";
        String table = rows.length() == 0 ? "<p>No delivery in the last " + DELIVERY_HOURS + " hours.</p>"
            : "<table id=\"delivery-figures\"><thead><tr><th>Hour (UTC)</th><th>Delivered</th><th>Deferred</th><th>Returned</th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        return "<h3>Deliveries per hour</h3><figure>" + chart.bars() + "</figure>" + totals + table;
    }

    private static List<String> hourSlots(Instant first, int hours) {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            slots.add(HOUR.format(first.plus(Duration.ofHours(i))) + " UTC");
        }
        return slots;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
