package org.mxsuite.accept.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.MemoryRelayAccountStore;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.RelayClients;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.relay.SenderVerification;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.SilentDns;

/** MAIL FROM of logged-in clients: who may send from which domain, and whose quota pays. */
class RelaySenderMailHookTest {
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RelayAccountStore accounts = new MemoryRelayAccountStore();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();

    RelaySenderMailHookTest() {
        // a hash of nothing in particular: logins are over before MAIL FROM
        accounts.put(new RelayAccount(RelayAccountName.of("acme"), PasswordHash.parse("pbkdf2-sha256$1$c2FsdA==$aGFzaA=="), Set.of(A, B), 300));
    }

    private RelaySenderMailHook hook(boolean verifySenders) {
        RelaySettings settings = new RelaySettings(50, verifySenders, Optional.empty(), List.of());
        return new RelaySenderMailHook(new RelayClients(accounts, settings), new SenderVerification(SilentDns.resolver(clock)),
            settings, metrics);
    }

    private static FakeSmtpSession loggedInAs(String login) {
        return FakeSmtpSession.from("192.0.2.7").loggedInAs(login);
    }

    @Test
    void aRelayAccountSendsFromItsDomainsAndThatDomainPays() {
        FakeSmtpSession session = loggedInAs("acme");

        assertThat(hook(false).doMail(session, sender("boss@b.example.net"))).isEqualTo(HookResult.DECLINED);

        assertThat(RelaySession.charge(session)).contains(new RelayCharge(B, 300));
    }

    @Test
    void aBounceOfARelayAccountIsPaidByItsFirstDomain() {
        FakeSmtpSession session = loggedInAs("acme");

        hook(false).doMail(session, MaybeSender.nullSender());

        assertThat(RelaySession.charge(session)).contains(new RelayCharge(A, 300));
    }

    @Test
    void aRelayAccountMayNotSendFromAnotherDomain() {
        FakeSmtpSession session = loggedInAs("acme");

        HookResult refused = hook(false).doMail(session, sender("boss@other.example"));

        assertThat(refused.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(refused.getSmtpDescription()).isEqualTo("5.7.1 relay account acme may not send from other.example;"
            + " its domains are a.example.net, b.example.net");
        assertThat(RelaySession.charge(session)).isEmpty();
        assertThat(metrics.countFor("mxsuite_relay_sender_refused")).isEqualTo(1);
    }

    @Test
    void aMailboxUserSendsFromItsOwnDomainWithinTheMailboxLimit() {
        FakeSmtpSession session = loggedInAs("alice@mailbox.example");

        assertThat(hook(true).doMail(session, sender("alice@mailbox.example"))).as("not verified in DNS").isEqualTo(HookResult.DECLINED);
        assertThat(RelaySession.charge(session)).contains(new RelayCharge(DomainName.of("mailbox.example"), 50));
        assertThat(hook(true).doMail(loggedInAs("alice@mailbox.example"), sender("alice@elsewhere.example")).getSmtpRetCode())
            .isEqualTo("550");
    }

    @Test
    void anAccountDeletedSinceItsLoginIsRefused() {
        FakeSmtpSession session = loggedInAs("acme");
        accounts.delete(RelayAccountName.of("acme"));

        assertThat(hook(false).doMail(session, sender("boss@a.example.net")).getSmtpDescription())
            .isEqualTo("5.7.1 relay account acme no longer exists");
    }

    @Test
    void aSenderDomainThatDnsDoesNotConfirmIsDeferred() {
        HookResult deferred = hook(true).doMail(loggedInAs("acme"), sender("boss@a.example.net"));

        assertThat(deferred.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(deferred.getSmtpDescription()).startsWith("4.4.3 Temporary local error: sender verify failed");
    }

    @Test
    void clientsThatDidNotLogInAreNotAsked() {
        assertThat(hook(true).doMail(FakeSmtpSession.from("192.0.2.7"), sender("anyone@elsewhere.example"))).isEqualTo(HookResult.DECLINED);
    }
}
