package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostedDomainJsonTest {
    private static final DomainName EXAMPLE = DomainName.of("example.com");

    @Test
    void backupGetsTheProviderDefaults() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"backup\"}");

        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        assertThat(policy.destination()).isEmpty();
        assertThat(policy.retryInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.retention()).contains(Duration.ofDays(14));
        assertThat(policy.quotaMessages()).isEqualTo(100_000);
        assertThat(policy.quotaBytes()).isEqualTo(1L << 30);
        assertThat(policy.paused()).isFalse();
        assertThat(policy.tls()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
        assertThat(policy.recipients()).isEmpty();
        assertThat(policy.verifyRecipients()).isFalse();
    }

    @Test
    void everySettingIsRead() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"relay\",\"destination\":\"mx.customer.example:2525\","
            + "\"retryInterval\":\"5m\",\"retention\":\"never\",\"quotaMessages\":1000,\"quotaBytes\":\"500MiB\","
            + "\"paused\":true,\"tls\":\"required\",\"recipients\":[\"Alice\",\"bob@example.com\"],\"maxConnections\":2,\"maxRate\":0.5,\"verifyRecipients\":true}");

        assertThat(domain.service()).isEqualTo(ServiceKind.RELAY);
        assertThat(domain.holdPolicy()).contains(HoldPolicy.builder().destination(Destination.of("mx.customer.example", 2525))
            .retryInterval(Duration.ofMinutes(5)).retention(Optional.empty()).quotaMessages(1000).quotaBytes(500L << 20).paused(true)
            .tls(TlsPolicy.REQUIRED).recipients(Set.of("alice", "bob")).maxConnections(Optional.of(2)).maxRate(Optional.of(0.5))
            .verifyRecipients(true).build());
    }

    @Test
    void writesWhatItReads() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"relay\",\"destination\":\"[2001:db8::1]:2525\","
            + "\"retention\":\"36h\",\"recipients\":[\"alice\"]}");

        String json = HostedDomainJson.toJsonString(domain);

        assertThat(json).isEqualTo("{\"domain\":\"example.com\",\"service\":\"relay\",\"destination\":\"[2001:db8::1]:2525\","
            + "\"retryInterval\":\"10m\",\"retention\":\"36h\",\"quotaMessages\":100000,\"quotaBytes\":1073741824,"
            + "\"paused\":false,\"tls\":\"opportunistic\",\"recipients\":[\"alice\"]"
            + ",\"verifyRecipients\":false,\"greylisting\":true,\"dnsbl\":true,\"reverseDns\":true,\"senderDomain\":true,\"headerChecks\":true,\"virusScan\":true,\"spamScan\":true}");
        assertThat(HostedDomainJson.parse(EXAMPLE, json)).isEqualTo(domain);
    }

    @Test
    void servicesWithoutSettingsShowTheirServiceAndChecks() {
        assertThat(HostedDomainJson.toJsonString(HostedDomainJson.parse(EXAMPLE, "{\"service\":\"mailbox\"}")))
            .isEqualTo("{\"domain\":\"example.com\",\"service\":\"mailbox\",\"greylisting\":true,\"dnsbl\":true,\"reverseDns\":true,\"senderDomain\":true,\"headerChecks\":true,\"virusScan\":true,\"spamScan\":true}");
    }

    @Test
    void aForwardDomainNamesItsTargets() throws Exception {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"forward\",\"forwardTo\":\"Owner@Elsewhere.example\","
            + "\"addresses\":{\"Sales\":\"a@x.example\"},\"reject\":[\"OLD\"]}");

        org.mxsuite.domain.ForwardPolicy policy = domain.forwardPolicy().orElseThrow();
        assertThat(policy.targetOf("SALES").asString()).isEqualTo("a@x.example");
        assertThat(policy.targetOf("anyone").asString()).isEqualTo("Owner@elsewhere.example");
        assertThat(policy.rejects("old")).isTrue();
        assertThat(HostedDomainJson.parse(EXAMPLE, HostedDomainJson.toJsonString(domain))).isEqualTo(domain);
    }

    @Test
    void everyCheckIsOnUnlessSwitchedOff() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"backup\",\"greylisting\":false,\"headerChecks\":false}");

        assertThat(domain.checks().isOn(InboundCheck.GREYLISTING)).isFalse();
        assertThat(domain.checks().isOn(InboundCheck.HEADER_CHECKS)).isFalse();
        assertThat(domain.checks().isOn(InboundCheck.DNSBL)).isTrue();
        assertThat(HostedDomainJson.parse(EXAMPLE, HostedDomainJson.toJsonString(domain))).isEqualTo(domain);
    }

    @Test
    void virusAndSpamScanningAreSwitchedLikeTheOtherChecks() {
        HostedDomain domain = HostedDomainJson.parse(EXAMPLE, "{\"service\":\"relay\",\"destination\":\"mx.example.net:25\",\"virusScan\":false}");

        assertThat(domain.checks().isOn(InboundCheck.VIRUS_SCAN)).isFalse();
        assertThat(domain.checks().isOn(InboundCheck.SPAM_SCAN)).isTrue();
        assertThat(HostedDomainJson.toJsonString(domain)).contains("\"virusScan\":false,\"spamScan\":true");
        assertThat(HostedDomainJson.parse(EXAMPLE, HostedDomainJson.toJsonString(domain.withChecks(InboundChecks.ALL.with(InboundCheck.SPAM_SCAN, false)))).checks().isOn(InboundCheck.SPAM_SCAN)).isFalse();
    }

    @Test
    void anEmptyRecipientsListIsRefusedWithHowToAcceptEveryAddress() {
        // it would refuse every address of the domain: all its mail returned to the senders
        assertThatThrownBy(() -> HostedDomainJson.parse(EXAMPLE, "{\"service\":\"backup\",\"recipients\":[]}"))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessage("field 'recipients' must name at least one address; omit it to accept every address of the domain");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"service\":\"smtp\"}",
        "{\"service\":42}",
        "{\"service\":\"backup\",\"colour\":\"red\"}",
        "{\"service\":\"backup\",\"greylisting\":\"no\"}",
        "{\"service\":\"forward\"}",
        "{\"service\":\"forward\",\"forwardTo\":\"not an address\"}",
        "{\"service\":\"forward\",\"forwardTo\":\"me@example.com\"}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@x.example\",\"addresses\":{\"b\":\"c@example.com\"}}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@x.example\",\"addresses\":[\"b\"]}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@x.example\",\"reject\":\"old\"}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@x.example\",\"destination\":\"mx.example.net:25\"}",
        "{\"service\":\"backup\",\"forwardTo\":\"a@x.example\"}",
        "{\"service\":\"mailbox\",\"dnsbl\":1}",
        "{\"service\":\"mailbox\",\"virusScan\":\"yes\"}",
        "{\"service\":\"mailbox\",\"destination\":\"mx.example.net:25\"}",
        "{\"service\":\"relay\"}",
        "{\"service\":\"backup\",\"domain\":\"other.example\"}",
        "{\"service\":\"backup\",\"destination\":\"mx.example.net:0\"}",
        "{\"service\":\"backup\",\"destination\":\"mx.example.net:70000\"}",
        "{\"service\":\"backup\",\"destination\":\"999.1.1.1:25\"}",
        "{\"service\":\"backup\",\"destination\":\"[dead]:25\"}",
        "{\"service\":\"backup\",\"recipients\":[]}",
        "{\"service\":\"backup\",\"retryInterval\":\"-5m\"}",
        "{\"service\":\"backup\",\"retryInterval\":\"10s\"}",
        "{\"service\":\"backup\",\"retryInterval\":\"10 minutes\"}",
        "{\"service\":\"backup\",\"retention\":\"5000d\"}",
        "{\"service\":\"backup\",\"quotaMessages\":-1}",
        "{\"service\":\"backup\",\"quotaMessages\":0}",
        "{\"service\":\"backup\",\"quotaMessages\":1.5}",
        "{\"service\":\"backup\",\"quotaMessages\":99999999999999999999}",
        "{\"service\":\"backup\",\"quotaBytes\":-1}",
        "{\"service\":\"backup\",\"quotaBytes\":\"999999999999999TiB\"}",
        "{\"service\":\"backup\",\"paused\":\"yes\"}",
        "{\"service\":\"backup\",\"tls\":\"sometimes\"}",
        "{\"service\":\"backup\",\"recipients\":\"alice\"}",
        "{\"service\":\"backup\",\"recipients\":[\"alice@other.example\"]}",
        "{\"service\":\"backup\",\"recipients\":[\"a b\"]}",
        "{\"service\":\"backup\",\"recipients\":[42]}",
        "{\"service\":\"backup\",\"maxConnections\":0}",
        "{\"service\":\"backup\",\"maxConnections\":-1}",
        "{\"service\":\"backup\",\"maxConnections\":101}",
        "{\"service\":\"backup\",\"maxConnections\":\"2\"}",
        "{\"service\":\"backup\",\"maxRate\":0}",
        "{\"service\":\"backup\",\"maxRate\":-3}",
        "{\"service\":\"backup\",\"maxRate\":0.01}",
        "{\"service\":\"backup\",\"maxRate\":1e9}",
        "{\"service\":\"backup\",\"maxRate\":\"fast\"}",
        "{\"service\":\"backup\",\"verifyRecipients\":\"yes\"}",
        "{\"service\":\"backup\",\"verifyRecipients\":1}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@b.example\",\"verifyRecipients\":true}"
    })
    void refusesInvalidInput(String json) {
        assertThatThrownBy(() -> HostedDomainJson.parse(EXAMPLE, json))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageNotContaining("Exception");
    }
}
