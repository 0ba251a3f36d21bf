package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;

/** reverseDns.action=reject: no confirmed name is a permanent refusal; a DNS failure still only defers. */
class ReverseDnsRejectTest {
    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> records.servfail("5.0.0.127.in-addr.arpa"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.reversedns.enabled", "true",
        "mxsuite.reversedns.action", "reject"));

    @Test
    void noPtrIsRejectedAndAFailureDeferred() throws Exception {
        putDomain("customer.test", "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");

        assertThat(ClientSession.envelope("127.0.0.4", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .isEqualTo("550 5.7.25 Client host rejected: cannot find your reverse hostname, [127.0.0.4]");
        assertThat(ClientSession.envelope("127.0.0.5", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .startsWith("451 4.4.3");
        assertThat(ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "a@b.test", "bob@customer.test").rcptReply(0))
            .startsWith("250");
    }
}
