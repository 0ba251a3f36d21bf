package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;

import java.time.Duration;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.forward.ForwardChain;
import org.mxsuite.forward.Srs;
import org.mxsuite.route.mailet.testing.HoldingRoute;

class ReturnToSrsSenderTest {
    private final HoldingRoute route = new HoldingRoute();
    private final Srs srs = new Srs("srs.mx.example", List.of("a secret of sixteen or more"), Duration.ofDays(21), route.clock());
    private final ReturnToSrsSender mailet = new ReturnToSrsSender(srs, new ForwardChain(route.domains()), route.delivery());

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("ReturnToSrsSender").mailetContext(FakeMailContext.defaultContext()).build());
    }

    private static FakeMail bounce(MailAddress to, String sender) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("bounce").recipient(to)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Undelivered Mail").setText("report"));
        return (sender == null ? mail : mail.sender(sender)).build();
    }

    @Test
    void aBounceGoesBackToTheOriginalSender() throws Exception {
        MailAddress srsAddress = srs.forward(address("alice@sender.example"));
        FakeMail mail = bounce(srsAddress, null);

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(route.heldRecipients("sender.example")).containsExactly("alice@sender.example");
        assertThat(route.held("sender.example").get(0).sender().isNullSender()).isTrue();
    }

    @Test
    void mailThatIsNoBounceIsDropped() throws Exception {
        FakeMail mail = bounce(srs.forward(address("alice@sender.example")), "spammer@elsewhere.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(route.queue().usageByDomain()).isEmpty();
    }

    @Test
    void anAddressThatDoesNotVerifyIsDropped() throws Exception {
        MailAddress genuine = srs.forward(address("alice@sender.example"));
        MailAddress forged = address(genuine.getLocalPart().replace("alice", "mallory") + "@" + genuine.getDomain().asString());

        mailet.service(bounce(forged, null));

        assertThat(route.queue().usageByDomain()).isEmpty();
    }
}
