package org.mxsuite.accept.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.accept.testing.JamesDomains;
import org.mxsuite.domain.DomainName;
import org.mxsuite.limit.MemoryCounterStore;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.relay.MemoryRelayUsageStore;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayQuota;
import org.mxsuite.relay.RelayUsageStore;
import org.mxsuite.testing.MutableClock;

/** The relay quota at RCPT (a forecast, counting nothing) and after DATA (the count), on one usage store. */
class RelayQuotaHooksTest {
    private static final DomainName ACME = DomainName.of("acme.example");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RelayUsageStore usage = new MemoryRelayUsageStore();
    private final RelayQuota quota = new RelayQuota(usage, clock);
    private final DomainList jamesDomains = JamesDomains.of("mailbox.example");
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final TrafficCounters counters = new TrafficCounters(new MemoryCounterStore(), clock);
    private final RelayQuotaRcptHook rcptHook = new RelayQuotaRcptHook(quota, jamesDomains, counters);
    private final RelayQuotaMessageHook messageHook = new RelayQuotaMessageHook(quota, jamesDomains, metrics, counters);

    private static FakeSmtpSession relayingFor(int dailyLimit) {
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7").loggedInAs("acme");
        RelaySession.charge(session, new RelayCharge(ACME, dailyLimit));
        return session;
    }

    private HookResult rcpt(FakeSmtpSession session, String recipient) {
        return rcptHook.doRcpt(session, sender("boss@acme.example"), address(recipient));
    }

    private HookResult endOfData(FakeSmtpSession session, String... recipients) throws Exception {
        List<MailAddress> addresses = new java.util.ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(address(recipient));
        }
        return messageHook.onMessage(session, MailImpl.builder().name("mail").sender("boss@acme.example").addRecipients(addresses).build());
    }

    @Test
    void recipientsWithinTheQuotaPassAndCountNothingYet() {
        FakeSmtpSession session = relayingFor(3);

        assertThat(rcpt(session, "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, "b@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, "c@far.example")).isEqualTo(HookResult.DECLINED);

        assertThat(usage.used(ACME, TODAY)).isZero();
        HookResult fourth = rcpt(session, "d@far.example");
        assertThat(fourth.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(fourth.getSmtpDescription()).startsWith("4.7.0 Daily relay limit of 3 for acme.example reached (0 used, this needs 4)");
    }

    @Test
    void whatWasRelayedTodayCountsAgainstTheForecast() {
        usage.reserve(ACME, TODAY, 9, 10);

        assertThat(rcpt(relayingFor(10), "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(relayingFor(9), "a@far.example").getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void recipientsOfJamesOwnDomainsAreNoRelays() throws Exception {
        FakeSmtpSession session = relayingFor(1);

        assertThat(rcpt(session, "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(session, "user@mailbox.example")).isEqualTo(HookResult.DECLINED);
        assertThat(endOfData(session, "a@far.example", "user@mailbox.example")).isEqualTo(HookResult.DECLINED);

        assertThat(usage.used(ACME, TODAY)).isEqualTo(1);
    }

    @Test
    void mailThatIsNotRelayedIsNotCounted() throws Exception {
        FakeSmtpSession inbound = FakeSmtpSession.from("192.0.2.7");

        assertThat(rcpt(inbound, "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(endOfData(inbound, "a@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(usage.used(ACME, TODAY)).isZero();
    }

    @Test
    void theMessageIsCountedWholeAfterDataOrRefusedWhole() throws Exception {
        assertThat(endOfData(relayingFor(3), "a@far.example", "b@far.example")).isEqualTo(HookResult.DECLINED);
        assertThat(usage.used(ACME, TODAY)).isEqualTo(2);
        assertThat(metrics.countFor("mxsuite_relay_relays")).isEqualTo(2);

        HookResult refused = endOfData(relayingFor(3), "c@far.example", "d@far.example");

        assertThat(refused.getSmtpRetCode()).isEqualTo("452");
        assertThat(usage.used(ACME, TODAY)).as("a refused message counts nothing").isEqualTo(2);
        assertThat(metrics.countFor("mxsuite_relay_over_quota")).isEqualTo(1);
    }

    @Test
    void aLargeMessageWeighsMoreThanOneRelayPerRecipient() throws Exception {
        FakeSmtpSession session = relayingFor(100);
        session.setCurrentMessageSize(40L * 1024 * 1024);

        endOfData(session, "a@far.example");

        assertThat(usage.used(ACME, TODAY)).isEqualTo(org.mxsuite.relay.MessageWeight.relays(1, 40L * 1024 * 1024)).isGreaterThan(1);
    }
}
