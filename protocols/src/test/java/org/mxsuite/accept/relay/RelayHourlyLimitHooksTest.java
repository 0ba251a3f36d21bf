package org.mxsuite.accept.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.common.TakenCharges;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.accept.testing.JamesDomains;
import org.mxsuite.domain.DomainName;
import org.mxsuite.limit.Charge;
import org.mxsuite.limit.MemoryCounterStore;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.limit.Window;
import org.mxsuite.relay.MemoryRelayUsageStore;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.testing.MutableClock;

/** A relay account's hourly limit and maximum of recipients per message, beside the daily quota; DSNs exempt. */
class RelayHourlyLimitHooksTest {
    private static final DomainName ACME = DomainName.of("acme.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:20:00Z"));
    private final MemoryRelayUsageStore usage = new MemoryRelayUsageStore();
    private final RelayQuota quota = new RelayQuota(usage, clock);
    private final TrafficCounters counters = new TrafficCounters(new MemoryCounterStore(), clock);
    private final RelayQuotaRcptHook rcptHook = new RelayQuotaRcptHook(quota, JamesDomains.of("mailbox.example"), counters);
    private final RelayQuotaMessageHook messageHook = new RelayQuotaMessageHook(quota, JamesDomains.of("mailbox.example"),
        new RecordingMetricFactory(), counters);

    private static FakeSmtpSession relaying(int dailyLimit, int hourlyLimit, int maxRecipients) {
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7").loggedInAs("acme");
        RelaySession.charge(session, new RelayCharge(ACME, dailyLimit, OptionalInt.of(hourlyLimit), OptionalInt.of(maxRecipients)));
        return session;
    }

    private HookResult rcpt(FakeSmtpSession session, MaybeSender from, String recipient) {
        return rcptHook.doRcpt(session, from, address(recipient));
    }

    private HookResult send(FakeSmtpSession session, String from, String... recipients) throws Exception {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(address(recipient));
        }
        MailImpl.Builder mail = MailImpl.builder().name("mail").addRecipients(addresses);
        if (!from.isEmpty()) {
            mail.sender(from);
        }
        return messageHook.onMessage(session, mail.build());
    }

    @Test
    void recipientsPastTheMaximumPerMessageAreRefusedWith453() {
        FakeSmtpSession session = relaying(100, 100, 2);

        assertThat(rcpt(session, sender("boss@acme.example"), "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, sender("boss@acme.example"), "user@mailbox.example")).as("not a relay").isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, sender("boss@acme.example"), "b@far.example")).isEqualTo(HookResult.DECLINED);
        HookResult third = rcpt(session, sender("boss@acme.example"), "c@far.example");

        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).isEqualTo("4.5.3 Relay limit of 2 recipients per message for acme.example reached;"
            + " send the others in another message");
    }

    @Test
    void theHourlyLimitRefusesAtRcptAndAfterDataNamingItsResetThenLetsMailThroughTheNextHour() throws Exception {
        assertThat(send(relaying(100, 3, 50), "boss@acme.example", "a@far.example", "b@far.example")).isEqualTo(HookResult.DECLINED);
        FakeSmtpSession session = relaying(100, 3, 50);
        assertThat(rcpt(session, sender("boss@acme.example"), "c@far.example")).isEqualTo(HookResult.DECLINED);

        HookResult second = rcpt(session, sender("boss@acme.example"), "d@far.example");
        assertThat(second.getSmtpRetCode()).isEqualTo("452");
        assertThat(second.getSmtpDescription()).isEqualTo("4.7.0 Hourly relay limit of 3 for acme.example reached (2 used, this needs 2);"
            + " it resets at 2026-11-25T11:00:00Z");
        assertThat(send(relaying(100, 3, 50), "boss@acme.example", "c@far.example", "d@far.example").getSmtpRetCode()).isEqualTo("452");
        assertThat(usage.used(ACME, quota.today())).as("refused by the hourly limit: not counted for the day").isEqualTo(2);

        clock.advance(Duration.ofMinutes(40));
        assertThat(send(relaying(100, 3, 50), "boss@acme.example", "c@far.example", "d@far.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aMessageTheDailyQuotaRefusesIsGivenBackToTheHour() throws Exception {
        assertThat(send(relaying(2, 10, 50), "boss@acme.example", "a@far.example", "b@far.example", "c@far.example").getSmtpRetCode())
            .isEqualTo("452");

        assertThat(send(relaying(2, 2, 50), "boss@acme.example", "a@far.example", "b@far.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aMessageTheRelayRefusesGivesBackWhatItsHostedDomainsCounted() throws Exception {
        Charge hostedDomainMessages = new Charge("domain/hosted.example/messages", Window.DAY, 10, 1, "message limit", "hosted.example");
        FakeSmtpSession session = relaying(1, 10, 50);
        counters.take(List.of(hostedDomainMessages));
        TakenCharges.add(session, List.of(hostedDomainMessages));

        assertThat(send(session, "boss@acme.example", "a@far.example", "b@far.example").getSmtpRetCode()).isEqualTo("452");

        assertThat(counters.used(hostedDomainMessages)).isZero();
    }

    @Test
    void dsnsCountNeitherAgainstTheHourNorTheMaximumOfRecipients() throws Exception {
        FakeSmtpSession session = relaying(100, 1, 1);

        assertThat(rcpt(session, MaybeSender.nullSender(), "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, MaybeSender.nullSender(), "b@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(send(session, "", "a@far.example", "b@far.example")).isEqualTo(HookResult.DECLINED);

        assertThat(send(relaying(100, 1, 1), "boss@acme.example", "c@far.example")).isEqualTo(HookResult.DECLINED);
    }
}
