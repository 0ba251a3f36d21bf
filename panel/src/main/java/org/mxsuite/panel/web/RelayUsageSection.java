package org.mxsuite.panel.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelaySettings;

/**
 * Today's relays of a domain against its daily limit, and its relays per day over the last 30 days against the limit,
 * for a domain whose mail is relayed through this server: one named by a relay account (the limit: the largest daily
 * limit of its accounts, the most the domain can send in a day), or a mailbox domain, whose users relay within
 * {@code relay.dailyLimit}. The counts are the relay quota's own (per UTC day, shared by the nodes).
 */
final class RelayUsageSection {
    static final int DAYS = 30;

    private final RelayQuota quota;
    private final RelayAccountStore accounts;
    private final RelaySettings settings;

    RelayUsageSection(RelayQuota quota, RelayAccountStore accounts, RelaySettings settings) {
        this.quota = quota;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** The section, or nothing when the domain's mail is not relayed here. */
    String of(HostedDomain hosted) {
        DomainName domain = hosted.name();
        List<RelayAccount> relaying = accounts.list().stream().filter(account -> account.domains().contains(domain))
            .collect(Collectors.toList());
        OptionalInt limit = relaying.stream().mapToInt(RelayAccount::dailyLimit).max();
        if (hosted.service() == ServiceKind.MAILBOX) {
            limit = OptionalInt.of(Math.max(limit.orElse(0), settings.mailboxDailyLimit()));
        }
        if (limit.isEmpty()) {
            return "";
        }
        int usedToday = quota.usedToday(domain);
        LocalDate today = quota.today();
        SortedMap<LocalDate, Integer> byDay = quota.usedByDay(domain, DAYS);
        LocalDate first = today.minusDays(DAYS - 1L);
        long[] used = new long[DAYS];
        List<String> slots = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            LocalDate date = first.plusDays(day);
            used[day] = byDay.getOrDefault(date, 0);
            slots.add(date + " (UTC)");
        }
        SvgChart chart = SvgChart.of("relay-chart", "Relayed messages per day, last " + DAYS + " days",
            "Messages relayed through this server for " + domain.asString() + " each UTC day, against the daily limit of "
                + limit.getAsInt() + "; the days with relays are listed below.", slots)
            .series("relayed", "#457b9d", used).limit(limit.getAsInt());
        for (int day = 0; day < DAYS; day += 5) {
            chart.tick(day, first.plusDays(day).toString().substring(5));
        }
        StringBuilder rows = new StringBuilder();
        byDay.forEach((date, count) -> rows.append("<tr><td>").append(date).append("</td><td>").append(count).append("</td></tr>"));
        return "<h2>Relay usage</h2><p id=\"relay-today\">Today: <span class=\"used\">" + usedToday + "</span> of <span class=\"limit\">"
            + limit.getAsInt() + "</span> messages relayed (the count starts again at midnight UTC). <meter min=\"0\" max=\"" + limit.getAsInt() + "\" value=\"" + usedToday + "\">" + usedToday + " of " + limit.getAsInt()
            + "</meter></p><figure>" + chart.bars() + "</figure>"
            + (rows.length() == 0 ? "<p>No relays in the last " + DAYS + " days.</p>"
                : "<table id=\"relay-figures\"><thead><tr><th>Day (UTC)</th><th>Relayed</th></tr></thead><tbody>" + rows + "</tbody></table>");
    }
}
