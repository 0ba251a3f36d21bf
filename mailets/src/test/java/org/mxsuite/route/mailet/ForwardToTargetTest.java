package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.BackscatterGuard;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SpfCheck;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.forward.ForwardChain;
import org.mxsuite.forward.Srs;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.route.mailet.testing.HoldingRoute;
import org.mxsuite.testing.SilentDns;

class ForwardToTargetTest {
    private final HoldingRoute route = new HoldingRoute();
    private final Srs srs = new Srs("srs.mx.example", List.of("a secret of sixteen or more"), Duration.ofDays(21), route.clock());
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final ForwardToTarget mailet = new ForwardToTarget(new ForwardChain(route.domains()), srs, route.delivery(),
        new LocalIdentity("mx.example", Set.of()),
        new BackscatterGuard(new SpfCheck(SilentDns.resolver(route.clock())), new SenderDomainLookup(SilentDns.resolver(route.clock())),
            domain -> false));

    @BeforeEach
    void setUp() throws Exception {
        route.domains().put(HostedDomain.forwarding(DomainName.of("fwd.example"), new ForwardPolicy(address("owner@elsewhere.example"),
            Map.of("sales", address("sales@mailbox.example")), Set.of())));
        route.domains().put(HostedDomain.of(DomainName.of("mailbox.example"), ServiceKind.MAILBOX));
        mailet.init(FakeMailetConfig.builder().mailetName("ForwardToTarget").mailetContext(context).build());
    }

    private static FakeMail mail(String sender, String... recipients) throws Exception {
        // from a logged-in client: a report to its sender goes without asking DNS whether it would be backscatter
        FakeMail.Builder mail = FakeMail.builder().name("mail").recipients(recipients).remoteAddr("192.0.2.7")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice")))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("forwarded").setText("body"));
        return (sender == null ? mail : mail.sender(sender)).build();
    }

    @Test
    void aRecipientIsHeldForItsTargetWithAnSrsSender() throws Exception {
        FakeMail mail = mail("alice@sender.example", "anyone@fwd.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(route.heldRecipients("elsewhere.example")).containsExactly("owner@elsewhere.example");
        HeldMessage held = route.held("elsewhere.example").get(0);
        MailAddress sender = held.sender().get();
        assertThat(srs.isOurs(sender)).isTrue();
        assertThat(srs.reverse(sender).address()).contains(address("alice@sender.example"));
        assertThat(route.content(held)).contains("Subject: forwarded");
    }

    @Test
    void aBounceIsForwardedAsABounce() throws Exception {
        mailet.service(mail(null, "anyone@fwd.example"));

        assertThat(route.held("elsewhere.example").get(0).sender().isNullSender()).isTrue();
    }

    @Test
    void aTargetInAMailboxDomainIsHandedBackToJames() throws Exception {
        mailet.service(mail("alice@sender.example", "sales@fwd.example"));

        assertThat(route.queue().usageByDomain()).isEmpty();
        assertThat(context.getSentMails()).singleElement()
            .satisfies(sent -> assertThat(sent.getRecipients()).containsExactly(address("sales@mailbox.example")));
    }

    @Test
    void aLoopIsReturnedToTheSenderAndHoldsNothing() throws Exception {
        route.domains().put(HostedDomain.forwarding(DomainName.of("loop-a.example"), ForwardPolicy.to(address("x@loop-b.example"))));
        route.domains().put(HostedDomain.forwarding(DomainName.of("loop-b.example"), ForwardPolicy.to(address("y@loop-a.example"))));
        FakeMail mail = mail("alice@sender.example", "z@loop-a.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(route.queue().usageByDomain()).isEmpty();
        assertThat(context.getSentMails()).singleElement().satisfies(report -> {
            assertThat(report.getRecipients()).containsExactly(address("alice@sender.example"));
            assertThat(report.getSender()).as("from the null sender").isNull();
        });
    }
}
