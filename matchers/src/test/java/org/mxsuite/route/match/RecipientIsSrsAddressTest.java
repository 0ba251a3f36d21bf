package org.mxsuite.route.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.mxsuite.forward.Srs;

class RecipientIsSrsAddressTest {
    private final Srs srs = new Srs("srs.mx.example", List.of("a secret of sixteen or more"), Duration.ofDays(21), Clock.systemUTC());

    @Test
    void matchesOnlySrsAddressesOfOurSrsDomain() throws Exception {
        MailAddress ours = srs.forward(new MailAddress("alice@sender.example"));
        RecipientIsSrsAddress matcher = new RecipientIsSrsAddress(srs);
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSrsAddress").mailetContext(FakeMailContext.defaultContext()).build());
        FakeMail mail = FakeMail.builder().name("mail")
            .recipients(ours, new MailAddress("plain@srs.mx.example"), new MailAddress("SRS0=abcd=ZZ=sender.example=alice@elsewhere.example"))
            .build();

        assertThat(matcher.match(mail)).containsExactly(ours);
    }
}
