package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.Origin;
import org.mxsuite.route.mailet.testing.HoldingRoute;
import org.mxsuite.testing.Addresses;

class HoldForDeliveryTest {
    private final HoldingRoute route = new HoldingRoute();
    private final HoldForDelivery mailet = new HoldForDelivery(route.delivery());

    @BeforeEach
    void setUp() throws Exception {
        route.domains().put(HostedDomain.of(DomainName.of("backup.example"), ServiceKind.BACKUP));
        route.domains().put(HostedDomain.of(DomainName.of("other.example"), ServiceKind.BACKUP));
        mailet.init(FakeMailetConfig.builder().mailetName("HoldForDelivery").mailetContext(FakeMailContext.defaultContext()).build());
    }

    private static FakeMail.Builder mailFrom(String client, String name, String... recipients) throws Exception {
        return FakeMail.builder().name(name).sender("alice@sender.example").recipients(recipients).remoteAddr(client)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("held").setText("body"));
    }

    private static FakeMail mail(String name, String... recipients) throws Exception {
        return mailFrom("192.0.2.7", name, recipients).build();
    }

    @Test
    void eachDomainHoldsItsRecipientsAndTheMailEndsItsWay() throws Exception {
        FakeMail mail = mail("mail-1", "a@backup.example", "b@backup.example", "c@other.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(route.heldRecipients("backup.example")).containsExactly("a@backup.example", "b@backup.example");
        assertThat(route.heldRecipients("other.example")).containsExactly("c@other.example");
        HeldMessage held = route.held("backup.example").get(0);
        assertThat(held.sender().asString()).isEqualTo("alice@sender.example");
        assertThat(route.content(held)).contains("Subject: held").contains("body");
        assertThat(route.queue().origin(held.id())).as("whether a DSN may go to the sender depends on it")
            .contains(Origin.unauthenticated("192.0.2.7", Addresses.sender("alice@sender.example")));
        // each recipient held in the trace, with the held id that ties the delivery attempts to the message-id
        assertThat(route.traced()).extracting(event -> event.outcome().asString() + " " + event.recipient().get())
            .containsExactlyInAnyOrder("held a@backup.example", "held b@backup.example", "held c@other.example");
        assertThat(route.traced()).filteredOn(event -> event.domain().equals("backup.example"))
            .allSatisfy(event -> {
                assertThat(event.heldId()).hasValue(held.id().asString());
                assertThat(event.messageId()).isEqualTo(java.util.Optional.ofNullable(mail.getMessage().getMessageID()));
                assertThat(event.sender()).isEqualTo("alice@sender.example");
                assertThat(event.size()).hasValue(mail.getMessageSize());
            });
    }

    @Test
    void theMailOfALoggedInClientIsHeldAsTrusted() throws Exception {
        mailet.service(mailFrom("192.0.2.7", "mail-5", "a@backup.example")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice"))).build());

        assertThat(route.queue().origin(route.held("backup.example").get(0).id())).contains(Origin.TRUSTED);
    }

    @Test
    void aMailHandedOverAgainAfterACrashIsNotHeldTwice() throws Exception {
        mailet.service(mail("mail-2", "a@backup.example"));

        mailet.service(mail("mail-2", "a@backup.example"));

        assertThat(route.held("backup.example")).hasSize(1);
    }

    @Test
    void anotherMailOfTheSameEnvelopeIsHeldToo() throws Exception {
        mailet.service(mail("mail-3", "a@backup.example"));
        mailet.service(mail("mail-4", "a@backup.example"));

        assertThat(route.held("backup.example")).hasSize(2);
    }
}
