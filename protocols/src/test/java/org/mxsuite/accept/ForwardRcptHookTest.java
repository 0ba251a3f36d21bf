package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.ForwardPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.forward.Srs;
import org.mxsuite.forward.SrsRcptLimit;
import org.mxsuite.testing.MutableClock;

class ForwardRcptHookTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final Srs srs = new Srs("srs.mx.example", List.of("a secret of sixteen or more"), Duration.ofDays(21), clock);
    private final ForwardRcptHook hook = new ForwardRcptHook(domains, srs, new SrsRcptLimit(2, 1, Duration.ofHours(1), clock));
    private final FakeSmtpSession client = FakeSmtpSession.from("192.0.2.7");

    ForwardRcptHookTest() {
        domains.put(HostedDomain.forwarding(DomainName.of("fwd.example"),
            new ForwardPolicy(address("owner@elsewhere.example"), Map.of(), Set.of("old"))));
    }

    private HookResult rcpt(MaybeSender from, MailAddress to) {
        return hook.doRcpt(client, from, to, Map.of());
    }

    @Test
    void everyLocalPartOfAForwardDomainIsTakenButThoseItRefuses() {
        assertThat(rcpt(sender("a@sender.example"), address("anything@fwd.example")).getResult()).isEqualTo(HookReturnCode.ok());

        HookResult refused = rcpt(sender("a@sender.example"), address("old@fwd.example"));
        assertThat(refused.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(refused.getSmtpDescription()).startsWith("5.1.1");
        assertThat(rcpt(sender("a@sender.example"), address("x%y@fwd.example")).getSmtpDescription()).startsWith("5.7.1");
    }

    @Test
    void otherDomainsAreLeftToTheOtherHooks() {
        assertThat(rcpt(sender("a@sender.example"), address("a@elsewhere.example"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void anSrsAddressTakesValidBouncesOnly() {
        MailAddress srsAddress = srs.forward(address("alice@sender.example"));

        assertThat(rcpt(MaybeSender.nullSender(), srsAddress).getResult()).isEqualTo(HookReturnCode.ok());
        HookResult notABounce = rcpt(sender("spammer@elsewhere.example"), srsAddress);
        assertThat(notABounce.getSmtpRetCode()).isEqualTo("550");
        assertThat(notABounce.getSmtpDescription()).contains("takes bounces only");
    }

    @Test
    void forgedSrsAddressesAreRefusedAndCountAgainstTheClient() {
        MailAddress genuine = srs.forward(address("alice@sender.example"));
        MailAddress forged = address(genuine.getLocalPart().replace("alice", "mallory") + "@" + genuine.getDomain().asString());

        HookResult refused = rcpt(MaybeSender.nullSender(), forged);
        assertThat(refused.getSmtpRetCode()).isEqualTo("550");
        assertThat(refused.getSmtpDescription()).contains("invalid SRS address");

        HookResult deferred = rcpt(MaybeSender.nullSender(), genuine);
        assertThat(deferred.getResult()).as("one refusal allowed per hour").isEqualTo(HookReturnCode.denySoft());
        assertThat(deferred.getSmtpRetCode()).isEqualTo("450");
    }
}
