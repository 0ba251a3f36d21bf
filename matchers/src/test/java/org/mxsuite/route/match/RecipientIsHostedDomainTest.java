package org.mxsuite.route.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainJson;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;

class RecipientIsHostedDomainTest {
    private final HostedDomainStore domains = new MemoryHostedDomainStore();

    @BeforeEach
    void setUp() {
        domains.put(HostedDomain.of(DomainName.of("backup.example"), ServiceKind.BACKUP));
        domains.put(HostedDomain.of(DomainName.of("mailbox.example"), ServiceKind.MAILBOX));
    }

    private RecipientIsHostedDomain matcher(String condition) throws MessagingException {
        RecipientIsHostedDomain matcher = new RecipientIsHostedDomain(domains);
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsHostedDomain").condition(condition)
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    @Test
    void matchesOnlyRecipientsOfDomainsWithTheGivenServices() throws Exception {
        FakeMail mail = FakeMail.builder().name("mail")
            .recipients("a@backup.example", "b@MAILBOX.example", "c@elsewhere.example", "d@[192.0.2.1]")
            .build();

        assertThat(matcher("backup,relay").match(mail)).containsExactly(new MailAddress("a@backup.example"));
        assertThat(matcher("mailbox").match(mail)).containsExactly(new MailAddress("b@MAILBOX.example"));
    }

    @Test
    void seesChangesOfTheRegistryAtOnce() throws Exception {
        RecipientIsHostedDomain matcher = matcher("relay");
        FakeMail mail = FakeMail.builder().name("mail").recipients("a@backup.example").build();
        assertThat(matcher.match(mail)).isEmpty();

        domains.put(HostedDomainJson.parse(DomainName.of("backup.example"), "{\"service\":\"relay\",\"destination\":\"127.0.0.1:2525\"}"));

        assertThat(matcher.match(mail)).hasSize(1);
    }

    @Test
    void refusesAMissingOrUnknownService() {
        assertThatThrownBy(() -> matcher("")).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> matcher("backup,smtp")).isInstanceOf(MessagingException.class).hasMessageContaining("smtp");
    }
}
