package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.accept.testing.JamesDomains;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.forward.Srs;
import org.mxsuite.hold.ExternalHoldLimits;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.HoldRoom;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.hold.QueueUsage;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.testing.MutableClock;

/** Room in the hold queue for mail held for another domain than the recipient's: at RCPT and after DATA. */
class HeldRoomHooksTest {
    private static final MaybeSender SENDER = sender("alice@sender.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final Srs srs = new Srs("srs.mx.example", List.of("a secret of sixteen or more"), Duration.ofDays(21), clock);
    private final HeldDestinations destinations = new HeldDestinations(domains, srs, JamesDomains.of("james.example"));
    /** Mail for other domains: one message or 1000 bytes each, three messages in all. */
    private final HoldRoom room = new HoldRoom(new QueueUsageCache(queue, clock), domains,
        new ExternalHoldLimits(new QueueUsage(3, 1_000_000), new QueueUsage(1, 1000)));
    private final HeldRoomRcptHook rcptHook = new HeldRoomRcptHook(destinations, room);
    private final HeldQuotaMessageHook messageHook = new HeldQuotaMessageHook(domains, destinations, room);

    HeldRoomHooksTest() {
        domains.put(HostedDomain.forwarding(DomainName.of("fwd.example"), ForwardPolicy.to(address("owner@target.example"))));
        domains.put(HostedDomain.holding(DomainName.of("backup.example"), ServiceKind.BACKUP, HoldPolicy.builder().quotaBytes(1000).build()));
    }

    private void holdFor(String domain, String recipient) throws Exception {
        queue.hold(DomainName.of(domain), SENDER, List.of(address(recipient)), new ByteArrayInputStream("x".getBytes()));
    }

    @Test
    void aForwardTargetWithoutRoomDefersTheRecipient() throws Exception {
        FakeSmtpSession client = FakeSmtpSession.from("192.0.2.7");
        assertThat(rcptHook.doRcpt(client, SENDER, address("a@fwd.example"))).isEqualTo(HookResult.DECLINED);

        holdFor("target.example", "owner@target.example");
        clock.advance(Duration.ofSeconds(1)); // the hooks read counts a second fresh

        HookResult full = rcptHook.doRcpt(client, SENDER, address("a@fwd.example"));
        assertThat(full.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(full.getSmtpDescription()).startsWith("4.2.2 <a@fwd.example>: too much mail is waiting for target.example");
    }

    @Test
    void relayedMailIsHeldForItsRecipientsDomainUnlessJamesDeliversIt() throws Exception {
        holdFor("far.example", "x@far.example");
        holdFor("james.example", "x@james.example");
        FakeSmtpSession loggedIn = FakeSmtpSession.from("192.0.2.7").loggedInAs("alice");

        assertThat(rcptHook.doRcpt(loggedIn, SENDER, address("y@far.example")).getSmtpRetCode()).isEqualTo("452");
        assertThat(rcptHook.doRcpt(loggedIn, SENDER, address("y@james.example"))).isEqualTo(HookResult.DECLINED);
        assertThat(rcptHook.doRcpt(FakeSmtpSession.from("192.0.2.7"), SENDER, address("y@far.example")))
            .as("not relayed for a stranger: James refuses it").isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aBounceToAnSrsAddressNeedsRoomWithItsOriginalSender() throws Exception {
        holdFor("sender.example", "alice@sender.example");

        HookResult result = rcptHook.doRcpt(FakeSmtpSession.from("192.0.2.7"), MaybeSender.nullSender(),
            srs.forward(address("alice@sender.example")));

        assertThat(result.getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void afterDataTheWholeMessageMustFitEveryQueueItGoesTo() throws Exception {
        FakeSmtpSession client = FakeSmtpSession.from("192.0.2.7");
        MailImpl small = MailImpl.builder().name("small").sender(SENDER).addRecipient("a@backup.example")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x")).build();
        MailImpl large = MailImpl.builder().name("large").sender(SENDER).addRecipients(address("a@backup.example"))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x".repeat(2000))).build();

        assertThat(messageHook.onMessage(client, small)).isEqualTo(HookResult.DECLINED);
        HookResult refused = messageHook.onMessage(client, large);
        assertThat(refused.getSmtpRetCode()).isEqualTo("452");
        assertThat(refused.getSmtpDescription()).startsWith("4.3.1 the queue of backup.example is out of space");
    }
}
