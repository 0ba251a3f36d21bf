package org.mxsuite.accept.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.dns.ForwardConfirmedReverseDns;
import org.mxsuite.dns.HostsFile;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.domain.InboundChecks;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.greylist.AllowList;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.greylist.GreylistSettings;
import org.mxsuite.greylist.GreylistStore;
import org.mxsuite.greylist.MemoryGreylistStore;
import org.mxsuite.greylist.Triplet;
import org.mxsuite.state.StateStoreException;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.SilentDns;

class GreylistRcptHookTest {
    private static final MaybeSender SENDER = sender("alice@sender.example");
    private static final MailAddress BOB = address("bob@hosted.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final FakeSmtpSession client = FakeSmtpSession.from("192.0.2.7");

    GreylistRcptHookTest() {
        domains.put(HostedDomain.holding(DomainName.of("hosted.example"), ServiceKind.BACKUP,
            HoldPolicy.builder().recipients(Set.of("bob")).build()));
    }

    private GreylistRcptHook hook(GreylistStore store) {
        return new GreylistRcptHook(new InboundCheckGate(domains, EnumSet.allOf(InboundCheck.class)),
            new Greylist(store, GreylistSettings.defaults(), clock), new CheckOutcomes(metrics),
            new ForwardConfirmedReverseDns(SilentDns.resolver(clock), HostsFile.of()));
    }

    private final GreylistRcptHook hook = hook(new MemoryGreylistStore());

    @Test
    void aFirstSightIsDeferredWithTheTimeToWait() {
        HookResult result = hook.doRcpt(client, SENDER, BOB, Map.of());

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("450");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.1 <bob@hosted.example>: greylisted, please try again in 300 seconds (RFC 6647)");
        assertThat(metrics.countFor("mxsuite_check_greylisting_new")).isEqualTo(1);
    }

    @Test
    void aRetryTooEarlyIsDeferredAgainAndOneAfterTheDelayPasses() {
        hook.doRcpt(client, SENDER, BOB, Map.of());
        clock.advance(Duration.ofMinutes(2));
        assertThat(hook.doRcpt(client, SENDER, BOB, Map.of()).getSmtpDescription()).contains("try again in 180 seconds");

        clock.advance(Duration.ofMinutes(3));

        assertThat(hook.doRcpt(client, SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_check_greylisting_retried")).isEqualTo(1);
    }

    @Test
    void aRetryFromAnotherAddressOfTheSameNetworkCounts() {
        hook.doRcpt(client, SENDER, BOB, Map.of());
        clock.advance(Duration.ofMinutes(6));

        assertThat(hook.doRcpt(FakeSmtpSession.from("192.0.2.200"), sender("Alice+tag@Sender.example"), BOB, Map.of()))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void eachRecipientIsDecidedOnItsOwn() {
        domains.put(HostedDomain.of(DomainName.of("other.example"), ServiceKind.BACKUP));
        hook.doRcpt(client, SENDER, BOB, Map.of());
        clock.advance(Duration.ofMinutes(6));

        assertThat(hook.doRcpt(client, SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(client, SENDER, address("carol@other.example"), Map.of()).getSmtpRetCode()).isEqualTo("450");
    }

    @Test
    void theNullSenderIsGreylistedLikeAnyOther() {
        assertThat(hook.doRcpt(client, MaybeSender.nullSender(), BOB, Map.of()).getSmtpRetCode()).isEqualTo("450");
    }

    @Test
    void aNetworkThatPassedOftenEnoughIsNoLongerGreylisted() {
        MemoryGreylistStore store = new MemoryGreylistStore();
        for (int i = 0; i < GreylistSettings.defaults().autoAllowAfter(); i++) {
            Triplet triplet = new Triplet(Cidr.parse("192.0.2.0/24"), "sender" + i + "@sender.example", "bob@hosted.example");
            store.firstSight(triplet, clock.instant().minus(Duration.ofHours(1)));
            store.pass(triplet, clock.instant().minus(Duration.ofMinutes(30)));
        }

        assertThat(hook(store).doRcpt(client, sender("new@sender.example"), BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_check_greylisting_auto_allowed")).isEqualTo(1);
    }

    @Test
    void anAllowListedClientIsNotGreylisted() {
        MemoryGreylistStore store = new MemoryGreylistStore();
        store.allow(AllowList.CLIENTS, "192.0.2.0/24");

        assertThat(hook(store).doRcpt(client, SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_check_greylisting_allow_listed")).isEqualTo(1);
    }

    @Test
    void loggedInAndTrustedClientsAreNotGreylisted() {
        assertThat(hook.doRcpt(FakeSmtpSession.from("192.0.2.7").loggedInAs("alice"), SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(FakeSmtpSession.from("192.0.2.7").trusted(), SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void onlyRecipientsOfHostedDomainsThatGreylistAreGreylisted() {
        domains.put(HostedDomain.of(DomainName.of("open.example"), ServiceKind.BACKUP)
            .withChecks(InboundChecks.ALL.with(InboundCheck.GREYLISTING, false)));

        assertThat(hook.doRcpt(client, SENDER, address("carol@open.example"), Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(client, SENDER, address("dave@elsewhere.example"), Map.of())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aRecipientTheDomainRefusesIsLeftToTheRefusal() {
        assertThat(hook.doRcpt(client, SENDER, address("mallory@hosted.example"), Map.of())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void withoutItsStoreGreylistingLetsMailPass() {
        GreylistStore failing = (GreylistStore) Proxy.newProxyInstance(GreylistStore.class.getClassLoader(),
            new Class<?>[] {GreylistStore.class}, (proxy, method, arguments) -> {
                throw new StateStoreException("the database is down", null);
            });

        assertThat(hook(failing).doRcpt(client, SENDER, BOB, Map.of())).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("mxsuite_check_greylisting_store_failure")).isEqualTo(1);
    }
}
