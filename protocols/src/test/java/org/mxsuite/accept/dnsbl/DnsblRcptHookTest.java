package org.mxsuite.accept.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.dnsbl.BlocklistSettings;
import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.dnsbl.MemoryLocalBlocklist;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.SilentDns;

/** The internal blocklist at RCPT; no DNS blocklist is configured, so no lookup is made. */
class DnsblRcptHookTest {
    private static final MaybeSender SENDER = sender("alice@sender.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final LocalBlocklist blocklist = new MemoryLocalBlocklist(clock);
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final DnsblRcptHook hook;

    DnsblRcptHookTest() {
        domains.put(HostedDomain.of(DomainName.of("hosted.example"), ServiceKind.BACKUP));
        BlocklistSettings noSites = new BlocklistSettings(List.of(), 3, List.of(), 3, Duration.ofSeconds(1), Duration.ofHours(1));
        CheckOutcomes outcomes = new CheckOutcomes(metrics);
        hook = new DnsblRcptHook(new InboundCheckGate(domains, EnumSet.allOf(InboundCheck.class)), outcomes,
            new BlocklistErrorWarnings(noSites.warningInterval(), clock), blocklist, SilentDns.resolver(clock), noSites);
    }

    private HookResult rcpt(String client, String recipient) {
        return hook.doRcpt(FakeSmtpSession.from(client), SENDER, address(recipient), Map.of());
    }

    @Test
    void aClientOnTheInternalBlocklistIsRejectedWithTheReason() {
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"), Optional.of("spam run"), Optional.empty(), clock.instant()));

        HookResult result = rcpt("192.0.2.7", "bob@hosted.example");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription())
            .isEqualTo("5.7.1 Service unavailable; client [192.0.2.7] blocked using local blocklist; spam run");
        assertThat(metrics.countFor("mxsuite_check_dnsbl_rejected_local")).isEqualTo(1);
    }

    @Test
    void postmasterAndAbuseStayReachable() {
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"), Optional.empty(), Optional.empty(), clock.instant()));

        assertThat(rcpt("192.0.2.7", "postmaster@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt("192.0.2.7", "Abuse@hosted.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void otherClientsAndOtherDomainsPass() {
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"), Optional.empty(), Optional.empty(), clock.instant()));

        assertThat(rcpt("198.51.100.1", "bob@hosted.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt("192.0.2.7", "bob@elsewhere.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void anEntryExpiredNoLongerBlocks() {
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.7"), Optional.empty(),
            Optional.of(clock.instant().plus(Duration.ofHours(1))), clock.instant()));
        assertThat(rcpt("192.0.2.7", "bob@hosted.example").getSmtpRetCode()).isEqualTo("554");

        clock.advance(Duration.ofHours(1));

        assertThat(rcpt("192.0.2.7", "bob@hosted.example")).isEqualTo(HookResult.DECLINED);
    }
}
