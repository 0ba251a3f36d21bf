package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.junit.jupiter.api.Test;

class SmtpServerNamesTest {
    @Test
    void namesAreTheConfiguredHelloNamesOrThisHostsNameWhereJamesAutodetectsIt() throws Exception {
        BaseHierarchicalConfiguration smtpservers = new BaseHierarchicalConfiguration();
        smtpservers.addProperty("smtpserver(-1).bind", "0.0.0.0:25");
        smtpservers.addProperty("smtpserver(-1).bind", "0.0.0.0:587");
        smtpservers.addProperty("smtpserver(1).helloName", "Submission.Example.NET");
        smtpservers.addProperty("smtpserver(1).helloName[@autodetect]", false);
        ConfigurationProvider provider = (name, level) -> smtpservers;

        assertThat(SmtpServerNames.of(provider))
            .containsExactlyInAnyOrder(InetAddress.getLocalHost().getHostName(), "Submission.Example.NET");
    }

    @Test
    void aGreetingWithAnyOfOurServersNamesIsOurs() {
        LocalIdentity self = new LocalIdentity("relay.example.net", Set.of("Submission.Example.NET"), Set.of());

        assertThat(self.greetingIsOurs("submission.example.net SMTP Server (JAMES SMTP Server) ready")).isTrue();
        assertThat(self.greetingIsOurs("relay.example.net ESMTP")).isTrue();
        assertThat(self.greetingIsOurs("mx.customer.example ESMTP")).isFalse();
    }
}
