package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.LoopbackDns;
import org.mxsuite.it.support.MxSuiteServer;

/**
 * Reverse DNS (forward-confirmed) and sender-domain checks on the in-process server, with real DNS answers: clients
 * connect from loopback addresses whose PTR records the test zone holds (127.0.0.1 is localhost in the hosts file).
 */
class ClientChecksTest {
    private static final String DOMAIN = "customer.test";
    private static final String GOOD_SENDER = "alice@good.test";

    @RegisterExtension
    static LoopbackDns dns = LoopbackDns.onFreePort(records -> records
        .ptr("127.0.0.2", "good.client.test").a("good.client.test", "127.0.0.2")
        .ptr("127.0.0.3", "liar.client.test").a("liar.client.test", "192.0.2.99")
        .servfail("5.0.0.127.in-addr.arpa")
        // ::1 (not in this machine's hosts file) by its nibbles under ip6.arpa, and back by AAAA
        .ptr("::1", "v6.client.test").a("v6.client.test", "::1")
        .mx("good.test", 10, "mx.good.test")
        .a("a-only.test", "192.0.2.1")
        .txt("nomail.test", "v=spf1 -all")
        .servfail("broken.test"));

    @RegisterExtension
    static MxSuiteServer server = dns.server(Map.of(
        "mxsuite.checks.reversedns.enabled", "true",
        // the wildcard address, so that a client can also come from ::1 (WebAdmin stays on 127.0.0.1)
        "mxsuite.bind", "0.0.0.0",
        "mxsuite.checks.senderdomain.enabled", "true"));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    private static String rcpt(String client, String sender) throws Exception {
        return ClientSession.envelope(client, server.smtpInboundPort(), sender, "bob@" + DOMAIN).rcptReply(0);
    }

    @Test
    void aClientWhoseNameResolvesBackIsAccepted() throws Exception {
        assertThat(rcpt("127.0.0.2", GOOD_SENDER)).startsWith("250");
    }

    @Test
    void anIpv6ClientIsConfirmedByItsAaaaRecord() throws Exception {
        assertThat(rcpt("::1", GOOD_SENDER)).startsWith("250");
    }

    @Test
    void localhostPassesByTheHostsFileAsTheSystemResolvesIt() throws Exception {
        assertThat(rcpt("127.0.0.1", GOOD_SENDER)).startsWith("250");
    }

    @Test
    void aNameThatDoesNotResolveBackIsDeferred() throws Exception {
        assertThat(rcpt("127.0.0.3", GOOD_SENDER))
            .isEqualTo("450 4.7.25 Client host rejected: the name liar.client.test of [127.0.0.3] does not resolve back to it");
    }

    @Test
    void aClientWithoutPtrIsDeferred() throws Exception {
        assertThat(rcpt("127.0.0.4", GOOD_SENDER)).isEqualTo("450 4.7.25 Client host rejected: cannot find your reverse hostname, [127.0.0.4]");
    }

    @Test
    void aDnsFailureDefers() throws Exception {
        assertThat(rcpt("127.0.0.5", GOOD_SENDER))
            .isEqualTo("451 4.4.3 Client host rejected: cannot find your hostname, [127.0.0.5]: DNS lookup failed (SERVFAIL); try again later");
    }

    @Test
    void aDomainWithReverseDnsSwitchedOffAcceptsAClientWithoutPtr() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"reverseDns\":false}");

        assertThat(rcpt("127.0.0.4", GOOD_SENDER)).startsWith("250");
    }

    @Test
    void aSenderDomainWithMxOrAddressIsAccepted() throws Exception {
        assertThat(rcpt("127.0.0.1", GOOD_SENDER)).startsWith("250");
        assertThat(rcpt("127.0.0.1", "carol@a-only.test")).startsWith("250");
    }

    @Test
    void aSenderDomainThatDoesNotExistIsRejected() throws Exception {
        assertThat(rcpt("127.0.0.1", "mallory@nowhere.test")).isEqualTo("550 5.1.8 <mallory@nowhere.test>: Sender address rejected: Domain not found");
    }

    @Test
    void aSenderDomainWithoutMxOrAddressIsRejected() throws Exception {
        assertThat(rcpt("127.0.0.1", "dave@nomail.test"))
            .isEqualTo("550 5.1.8 <dave@nomail.test>: Sender address rejected: Domain nomail.test has no MX, A or AAAA record");
    }

    @Test
    void aSenderDomainWhoseDnsFailsIsDeferred() throws Exception {
        assertThat(rcpt("127.0.0.1", "erin@broken.test"))
            .isEqualTo("451 4.4.3 <erin@broken.test>: Sender address rejected: cannot check domain broken.test: DNS lookup failed (SERVFAIL); try again later");
    }

    @Test
    void theNullSenderHasNoDomainToCheck() throws Exception {
        assertThat(ClientSession.envelope("127.0.0.1", server.smtpInboundPort(), "", "bob@" + DOMAIN).rcptReply(0)).startsWith("250");
    }

    @Test
    void aDomainWithTheSenderCheckSwitchedOffAcceptsAnyDomain() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"senderDomain\":false}");

        assertThat(rcpt("127.0.0.1", "mallory@nowhere.test")).startsWith("250");
    }
}
