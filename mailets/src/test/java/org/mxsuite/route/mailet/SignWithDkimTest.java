package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.dkim.DkimAlgorithm;
import org.mxsuite.dkim.DkimKey;
import org.mxsuite.dkim.DkimKeyGenerator;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.dkim.IndependentDkimVerifier;
import org.mxsuite.dkim.MemoryDkimKeyStore;
import org.mxsuite.domain.DomainName;
import org.mxsuite.testing.MutableClock;

/** The mailet on messages as James's spool gives them (MimeMessageWrapper), verified by dkimpy. */
class SignWithDkimTest {
    private static final DomainName SHOP = DomainName.of("shop.example.net");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final DkimKeys keys = new DkimKeys(new MemoryDkimKeyStore(), new DkimKeyGenerator(),
        key -> DkimKeys.Publication.SERVED, clock);
    private final SignWithDkim mailet = new SignWithDkim(keys, clock);

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("SignWithDkim").mailetContext(FakeMailContext.defaultContext()).build());
    }

    @Test
    void mailOfADomainWithKeysIsSignedWithEachOfThem() throws Exception {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA, DkimAlgorithm.ED25519));
        FakeMail mail = mail("From: \"Alice, shop\" <Alice@Shop.Example.NET>\r\n");

        mailet.service(mail);

        byte[] sent = written(mail);
        assertThat(new String(sent, StandardCharsets.US_ASCII)).contains("d=shop.example.net; s=rsa20261205")
            .contains("d=shop.example.net; s=ed20261205");
        Map<String, String> records = new java.util.HashMap<>();
        for (DkimKey key : keys.keys(SHOP)) {
            records.put(key.recordName(), key.recordValue());
        }
        IndependentDkimVerifier.Verdict verdict = IndependentDkimVerifier.withRecords(sent, records);
        assertThat(verdict.output).contains("2 of 2 signatures pass");
    }

    @Test
    void mailOfADomainWithoutKeysGoesUnsigned() throws Exception {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA));
        FakeMail mail = mail("From: bob@elsewhere.example.org\r\n");

        mailet.service(mail);

        assertThat(new String(written(mail), StandardCharsets.US_ASCII)).doesNotContain("DKIM-Signature");
    }

    @Test
    void mailWithTwoFromFieldsGoesUnsigned() throws Exception {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.ED25519));
        FakeMail mail = mail("From: alice@shop.example.net\r\nFrom: ceo@shop.example.net\r\n");

        mailet.service(mail);

        assertThat(new String(written(mail), StandardCharsets.US_ASCII)).doesNotContain("DKIM-Signature");
    }

    private static FakeMail mail(String from) throws Exception {
        String message = from + "To: friend@customer.example.org\r\nSubject: hello\r\nMessage-ID: <1@shop.example.net>\r\n"
            + "Date: Sat, 5 Dec 2026 10:00:00 +0000\r\n\r\nHello  there.\r\n";
        MimeMessageWrapper wrapper = new MimeMessageWrapper(MimeMessageInputStreamSource.create("mail-1",
            new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII))));
        return FakeMail.builder().name("mail-1").sender("alice@shop.example.net").recipient("friend@customer.example.org")
            .mimeMessage(wrapper).build();
    }

    private static byte[] written(FakeMail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }
}
