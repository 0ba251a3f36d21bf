package org.mxsuite.accept.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.common.TakenCharges;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.domain.TrafficLimit;
import org.mxsuite.domain.TrafficLimits;
import org.mxsuite.limit.MemoryCounterStore;
import org.mxsuite.limit.TrafficCounters;
import org.mxsuite.testing.MutableClock;

/** Hosted domains' traffic limits at RCPT (a forecast, and the transaction's count) and after DATA (the message's count). */
class DomainTrafficHooksTest {
    private static final DomainName LIMITED = DomainName.of("limited.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T22:00:00Z"));
    private final MemoryHostedDomainStore domains = new MemoryHostedDomainStore();
    private final TrafficCounters counters = new TrafficCounters(new MemoryCounterStore(), clock);
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final DomainTrafficRcptHook rcptHook = new DomainTrafficRcptHook(domains, counters);
    private final DomainTrafficMessageHook messageHook = new DomainTrafficMessageHook(domains, counters, metrics);

    private void limit(String domain, ServiceKind service, TrafficLimit limit, long value) {
        HostedDomain current = domains.get(DomainName.of(domain)).orElse(HostedDomain.of(DomainName.of(domain), service));
        domains.put(current.withLimits(current.limits().with(limit, OptionalLong.of(value))));
    }

    private HookResult rcpt(FakeSmtpSession session, String recipient) {
        return rcptHook.doRcpt(session, sender("someone@sender.example"), address(recipient), Map.of());
    }

    /** One transaction: every RCPT, then the end of DATA with the recipients RCPT let through; the last reply. */
    private HookResult send(long size, String... recipients) throws Exception {
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7");
        List<MailAddress> accepted = new ArrayList<>();
        for (String recipient : recipients) {
            HookResult result = rcpt(session, recipient);
            if (!result.equals(HookResult.DECLINED)) {
                return result;
            }
            accepted.add(address(recipient));
        }
        session.setCurrentMessageSize(size);
        return messageHook.onMessage(session, MailImpl.builder().name("mail").sender("someone@sender.example").addRecipients(accepted).build());
    }

    @Test
    void aMessageForSeveralRecipientsOfTheDomainCountsOnce() throws Exception {
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.MESSAGES_PER_DAY, 2);

        assertThat(send(100, "a@limited.example", "b@limited.example", "c@limited.example")).isEqualTo(HookResult.DECLINED);
        FakeSmtpSession second = FakeSmtpSession.from("192.0.2.7");
        rcpt(second, "a@limited.example");
        assertThat(messageHook.onMessage(second, MailImpl.builder().name("mail").sender("someone@sender.example")
            .addRecipients(List.of(address("a@limited.example"))).build())).isEqualTo(HookResult.DECLINED);
        assertThat(TakenCharges.of(second)).as("kept for a later hook that refuses the message").hasSize(1);

        HookResult third = send(100, "a@limited.example");
        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).isEqualTo("4.7.0 Daily message limit of 2 for limited.example reached"
            + " (2 used, this needs 1); it resets at 2026-12-01T00:00:00Z");
    }

    @Test
    void theLimitResetsAtMidnightUtc() throws Exception {
        limit("limited.example", ServiceKind.MAILBOX, TrafficLimit.MESSAGES_PER_DAY, 1);
        send(100, "a@limited.example");
        assertThat(send(100, "a@limited.example").getSmtpRetCode()).isEqualTo("452");

        clock.advance(Duration.ofHours(2));

        assertThat(send(100, "a@limited.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void bytesCountPerDayAndPerMonthAndARefusedMessageCountsNothing() throws Exception {
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.BYTES_PER_DAY, 3 << 20);
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.BYTES_PER_MONTH, 4 << 20);
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.MESSAGES_PER_DAY, 100);

        assertThat(send(2 << 20, "a@limited.example")).isEqualTo(HookResult.DECLINED);
        HookResult tooBig = send(2 << 20, "a@limited.example");
        assertThat(tooBig.getSmtpDescription()).startsWith("4.7.0 Daily byte limit of 3145728 for limited.example reached");
        assertThat(send(1 << 20, "a@limited.example")).isEqualTo(HookResult.DECLINED);

        clock.advance(Duration.ofHours(3)); // the next day, the next month: both start again
        assertThat(send(3 << 20, "a@limited.example")).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_traffic_limit_reached")).isEqualTo(1);
    }

    @Test
    void theMonthlyLimitHoldsAcrossDays() throws Exception {
        clock.advance(Duration.ofHours(3)); // 1 December
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.BYTES_PER_MONTH, 2 << 20);
        send(2 << 20, "a@limited.example");
        clock.advance(Duration.ofDays(1));

        HookResult refused = send(1 << 20, "a@limited.example");

        assertThat(refused.getSmtpDescription()).startsWith("4.7.0 Monthly byte limit of 2097152 for limited.example reached")
            .endsWith("it resets at 2027-01-01T00:00:00Z");
    }

    @Test
    void aRecipientIsRefusedAtRcptWhenTheDeclaredSizeWouldNotFit() throws Exception {
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.BYTES_PER_DAY, 1 << 20);

        HookResult refused = rcpt(FakeSmtpSession.from("192.0.2.7").declaringSize(2 << 20), "a@limited.example");

        assertThat(refused.getSmtpRetCode()).isEqualTo("452");
        assertThat(refused.getSmtpDescription()).contains("(0 used, this needs 2097152)");
    }

    @Test
    void transactionsCountAtTheirFirstRecipientOfTheDomainEvenWithoutData() throws Exception {
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.TRANSACTIONS_PER_DAY, 2);
        FakeSmtpSession first = FakeSmtpSession.from("192.0.2.7");
        assertThat(rcpt(first, "a@limited.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(first, "b@limited.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.8"), "a@limited.example")).isEqualTo(HookResult.DECLINED);

        HookResult third = rcpt(FakeSmtpSession.from("192.0.2.9"), "a@limited.example");

        assertThat(third.getSmtpDescription()).startsWith("4.7.0 Daily transaction limit of 2 for limited.example reached (2 used");
    }

    @Test
    void eachLimitedDomainOfAMessageIsChargedAndOneAtItsLimitRefusesTheWholeMessage() throws Exception {
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.MESSAGES_PER_DAY, 10);
        limit("other.example", ServiceKind.BACKUP, TrafficLimit.BYTES_PER_DAY, 1 << 20);
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7");
        rcpt(session, "a@limited.example");
        rcpt(session, "a@other.example");
        session.setCurrentMessageSize(2 << 20);

        HookResult refused = messageHook.onMessage(session, MailImpl.builder().name("mail").sender("someone@sender.example")
            .addRecipients(List.of(address("a@limited.example"), address("a@other.example"))).build());

        assertThat(refused.getSmtpDescription()).startsWith("4.7.0 Daily byte limit of 1048576 for other.example");
        assertThat(send(100, "a@limited.example", "unlimited@nowhere.example")).isEqualTo(HookResult.DECLINED);
        assertThat(counters.check(TrafficLimits.NONE.with(TrafficLimit.MESSAGES_PER_DAY, OptionalLong.of(10))
            .charges(LIMITED, TrafficLimit.PER_MESSAGE, 0))).isEmpty();
    }

    @Test
    void domainsWithoutLimitsAndUnknownRecipientsCountNothing() throws Exception {
        domains.put(HostedDomain.of(DomainName.of("free.example"), ServiceKind.BACKUP));
        limit("limited.example", ServiceKind.BACKUP, TrafficLimit.TRANSACTIONS_PER_DAY, 1);

        assertThat(send(100, "a@free.example", "b@nowhere.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "user%other@limited.example")).as("refused by the domain's rules")
            .isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "a@limited.example")).isEqualTo(HookResult.DECLINED);
    }
}
