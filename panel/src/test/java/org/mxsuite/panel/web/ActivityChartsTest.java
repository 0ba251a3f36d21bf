package org.mxsuite.panel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.panel.web.SvgChartTest.elements;
import static org.mxsuite.panel.web.SvgChartTest.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.activity.ActivityStore;
import org.mxsuite.activity.HourCounts;
import org.mxsuite.activity.MemoryActivityStore;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.relay.MemoryRelayAccountStore;
import org.mxsuite.relay.MemoryRelayUsageStore;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.RelayUsageStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A domain page's charts from the series kept in the state store, with their figures beside them. */
class ActivityChartsTest {
    private static final DomainName DOMAIN = DomainName.of("customer.example");
    private static final Instant NOW = Instant.parse("2026-12-05T12:30:00Z");
    private static final Instant HOUR = Instant.parse("2026-12-05T12:00:00Z");

    private static final PasswordHash PASSWORD = PasswordHash.of("a password of the test");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ActivityStore activity = new MemoryActivityStore();
    private final RelayUsageStore usage = new MemoryRelayUsageStore();
    private final RelayAccountStore accounts = new MemoryRelayAccountStore();
    private final ActivityCharts charts = new ActivityCharts(activity,
        new RelayUsageSection(new RelayQuota(usage, clock), accounts, new RelaySettings(150, false, Optional.empty(), List.of())), clock);

    @Test
    void theDeliveryChartHasABarPerCountOfTheLast48HoursAndTheirFigures() throws Exception {
        activity.add(List.of(new HourCounts(DOMAIN, HOUR, 3, 2, 1), new HourCounts(DOMAIN, HOUR.minus(Duration.ofHours(47)), 4, 0, 0),
            new HourCounts(DOMAIN, HOUR.minus(Duration.ofHours(48)), 100, 0, 0)));

        Document page = parse("<div>" + charts.of(HostedDomain.of(DOMAIN, ServiceKind.BACKUP)) + "</div>");

        List<Element> bars = elements(page, "//*[@id='delivery-chart']//*[local-name()='rect' and @class='bar']");
        assertThat(bars).hasSize(4);
        assertThat(text(page, "//*[@id='delivery-totals']//*[@class='delivered']")).isEqualTo("7");
        assertThat(text(page, "//*[@id='delivery-totals']//*[@class='deferred']")).isEqualTo("2");
        assertThat(text(page, "//*[@id='delivery-totals']//*[@class='returned']")).isEqualTo("1");
        assertThat(elements(page, "//*[@id='delivery-figures']/tbody/tr")).extracting(Element::getTextContent)
            .containsExactly("2026-12-03 13:00400", "2026-12-05 12:00321");
    }

    @Test
    void theHeldChartShowsEachDaysHighestSample() throws Exception {
        activity.putHeld(HOUR.plus(Duration.ofMinutes(5)), Map.of(DOMAIN, 4L));
        activity.putHeld(HOUR.plus(Duration.ofMinutes(10)), Map.of(DOMAIN, 9L));
        activity.putHeld(HOUR.minus(Duration.ofDays(1)), Map.of(DOMAIN, 2L));

        Document page = parse("<div>" + charts.of(HostedDomain.of(DOMAIN, ServiceKind.BACKUP)) + "</div>");

        String[] points = elements(page, "//*[@id='held-chart']//*[local-name()='polyline']").get(0).getAttribute("points").split(" ");
        // six whole days and today's hours up to 12:00
        assertThat(points).hasSize(6 * 24 + 13);
        List<Element> days = elements(page, "//*[@id='held-figures']/tbody/tr");
        assertThat(days).hasSize(7);
        assertThat(days.get(6).getTextContent()).isEqualTo("2026-12-059");
        assertThat(days.get(5).getTextContent()).isEqualTo("2026-12-042");
        assertThat(page.getDocumentElement().getTextContent()).doesNotContain("Relay usage");
    }

    @Test
    void aRelayedDomainShowsTodayAndTheLast30DaysAgainstItsLargestAccountLimit() throws Exception {
        accounts.put(new RelayAccount(RelayAccountName.of("small"), PASSWORD, Set.of(DOMAIN), 200));
        accounts.put(new RelayAccount(RelayAccountName.of("large"), PASSWORD, Set.of(DOMAIN), 500));
        LocalDate today = LocalDate.of(2026, 12, 5);
        usage.reserve(DOMAIN, today, 120, 500);
        usage.reserve(DOMAIN, today.minusDays(29), 300, 500);
        usage.reserve(DOMAIN, today.minusDays(30), 50, 500);

        Document page = parse("<div>" + charts.of(HostedDomain.of(DOMAIN, ServiceKind.BACKUP)) + "</div>");

        assertThat(text(page, "//*[@id='relay-today']/*[@class='used']")).isEqualTo("120");
        assertThat(text(page, "//*[@id='relay-today']/*[@class='limit']")).isEqualTo("500");
        assertThat(elements(page, "//*[@id='relay-chart']//*[local-name()='rect' and @class='bar']")).hasSize(2);
        assertThat(text(page, "//*[@id='relay-chart']//*[@class='limit-label']")).isEqualTo("limit 500");
        assertThat(elements(page, "//*[@id='relay-figures']/tbody/tr")).extracting(Element::getTextContent)
            .containsExactly("2026-11-06300", "2026-12-05120");
    }

    @Test
    void aMailboxDomainRelaysWithinTheMailboxUsersLimit() throws Exception {
        Document page = parse("<div>" + charts.of(HostedDomain.of(DOMAIN, ServiceKind.MAILBOX)) + "</div>");

        assertThat(text(page, "//*[@id='relay-today']/*[@class='limit']")).isEqualTo("150");
        assertThat(page.getDocumentElement().getTextContent()).contains("No relays in the last 30 days.");
    }

    private static String text(Document page, String xpath) throws Exception {
        return elements(page, xpath).get(0).getTextContent();
    }
}
