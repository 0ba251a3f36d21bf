package org.mxsuite.accept.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.check.DnsLookupsAhead;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.deliver.LoopbackSmtpServer;
import org.mxsuite.deliver.RecipientCallout;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.UnstartedDeliveryEngine;
import org.mxsuite.verify.MemoryVerifiedRecipientStore;
import org.mxsuite.verify.RecipientVerifier;
import org.mxsuite.verify.VerifySettings;

/** The hook on a fake session, verifying against a real SMTP server on loopback playing the customer's. */
class VerifiedRecipientRcptHookTest {
    private static final DomainName HOSTED = DomainName.of("hosted.example");
    private static final MaybeSender SENDER = sender("alice@sender.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final LoopbackSmtpServer customer = new LoopbackSmtpServer();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final VerifiedRecipientRcptHook hook = new VerifiedRecipientRcptHook(domains, new RecipientVerifier(
        new MemoryVerifiedRecipientStore(),
        new RecipientCallout(UnstartedDeliveryEngine.resolver(clock), new LocalIdentity("mx.test.example", Set.of()), OutboundTls.settingOnly(), Timeouts.PROBE)::ask,
        domain -> false, new VerifySettings(Duration.ofDays(31), Duration.ofDays(3), Duration.ofSeconds(2), 4), clock), metrics);

    VerifiedRecipientRcptHookTest() throws Exception {
        customer.replyTo("nobody@hosted.example", "550 5.1.1 <nobody@hosted.example>: User unknown in virtual mailbox table");
    }

    @AfterEach
    void stop() throws Exception {
        customer.close();
    }

    private void host(HoldPolicy.Builder policy) {
        domains.put(HostedDomain.holding(HOSTED, ServiceKind.BACKUP, policy.destination(customer.destination()).build()));
    }

    private HookResult rcpt(FakeSmtpSession session, String recipient) {
        return hook.doRcpt(session, SENDER, address(recipient), Map.of());
    }

    @Test
    void anAddressTheCustomersServerRefusesGets550WithItsText() {
        host(HoldPolicy.builder().verifyRecipients(true));

        HookResult refused = rcpt(FakeSmtpSession.from("192.0.2.7"), "nobody@hosted.example");

        assertThat(refused.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(refused.getSmtpRetCode()).isEqualTo("550");
        assertThat(refused.getSmtpDescription()).isEqualTo("5.1.1 <nobody@hosted.example>: recipient address rejected: the server of"
            + " hosted.example said: 550 5.1.1 <nobody@hosted.example>: User unknown in virtual mailbox table");
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.8"), "nobody@hosted.example").getSmtpRetCode()).isEqualTo("550");
        assertThat(metrics.countFor("mxsuite_verify_refused")).isEqualTo(1);
        assertThat(metrics.countFor("mxsuite_verify_refused_remembered")).isEqualTo(1);
    }

    @Test
    void anAddressItTakesIsLeftToTheHostedDomainHook() {
        host(HoldPolicy.builder().verifyRecipients(true));

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "bob@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(customer.commands()).contains("RCPT TO:<bob@hosted.example>");
    }

    @Test
    void withoutTheSettingNothingIsAsked() {
        host(HoldPolicy.builder());

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "nobody@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(customer.commands()).isEmpty();
    }

    @Test
    void addressesTheRecipientsListRefusesAndExemptClientsAreNotAsked() {
        host(HoldPolicy.builder().verifyRecipients(true).recipients(Set.of("bob")));

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "nobody@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7").loggedInAs("carol"), "bob@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7").trusted(), "bob@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(customer.commands()).isEmpty();
    }

    @Test
    void aServerThatAnswers4xxLeavesTheRecipientToBeAccepted() {
        customer.replyTo("busy@hosted.example", "451 4.3.0 try later");
        host(HoldPolicy.builder().verifyRecipients(true));

        assertThat(rcpt(FakeSmtpSession.from("192.0.2.7"), "busy@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_verify_unknown")).isEqualTo(1);
    }

    @Test
    void theQuestionStartedAheadOfTheRcptIsTheOneItsHookReads() {
        host(HoldPolicy.builder().verifyRecipients(true));
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7");

        CompletableFuture<?> ahead = hook.beforeRcpt(session, SENDER, address("nobody@hosted.example"));
        ahead.join();

        assertThat(rcpt(session, "nobody@hosted.example").getSmtpRetCode()).isEqualTo("550");
        assertThat(customer.commands().stream().filter(command -> command.startsWith("RCPT"))).hasSize(1);
        assertThat(hook.beforeRcpt(FakeSmtpSession.from("192.0.2.8"), SENDER, address("x@elsewhere.example")))
            .isSameAs(DnsLookupsAhead.NOTHING);
    }
}
