package org.mxsuite.accept.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.encode.FakeImapSession;
import org.apache.james.imapserver.netty.ImapChannelUpstreamHandler;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.lib.model.Algorithm;
import org.apache.james.util.MDCBuilder;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.common.MailboxPasswordCost;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.MemoryBanStore;
import org.mxsuite.testing.MutableClock;

/** The IMAP side of the bans, on a session of our making: the client address, banned clients, suspended names, failures. */
class ImapBanChecksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    /** One failure allowed per address, two per user name. */
    private final BruteForceGuard guard = new BruteForceGuard(new MemoryBanStore(),
        new BanSettings(1, 2, 2, Duration.ofHours(1), Duration.ofHours(1), List.of()), clock);
    /** Every user exists: a refusal costs no extra hash here. */
    private final UsersRepository everyoneExists = (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
        new Class<?>[] {UsersRepository.class}, (proxy, method, arguments) -> {
            if (method.getName().equals("contains")) {
                return true;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    private final LoginChecks checks = new LoginChecks(guard, new MailboxPasswordCost(everyoneExists, Algorithm.of("PBKDF2")));
    private final List<String> told = new ArrayList<>();

    /** A session as James's IMAP server opens it: the client address in the connection's logging context. */
    private static FakeImapSession from(String client) {
        FakeImapSession session = new FakeImapSession();
        session.setAttribute(ImapChannelUpstreamHandler.MDC_KEY, MDCBuilder.create().addToContext(MDCBuilder.IP, client));
        return session;
    }

    private void tell(HumanReadableText text) {
        told.add(text.getDefaultValue());
    }

    @Test
    void theClientAddressIsReadFromTheConnectionsContext() {
        assertThat(ImapClientAddress.of(from("2001:DB8::7"))).contains(ClientAddress.parse("2001:db8::7"));
        assertThat(ImapClientAddress.of(from("fe80::1%eth0"))).contains(ClientAddress.parse("fe80::1"));
        assertThat(ImapClientAddress.of(new FakeImapSession())).isEmpty();
    }

    @Test
    void aBannedClientIsToldWhyAndLoggedOut() {
        guard.ban(ClientAddress.parse("192.0.2.7"), "by hand", Optional.empty());
        FakeImapSession session = from("192.0.2.7");
        AtomicInteger flushed = new AtomicInteger();

        assertThat(ImapBans.refuseIfBanned(guard, session, this::tell, flushed::incrementAndGet)).isTrue();

        assertThat(told).containsExactly("192.0.2.7 is banned after too many failed logins; try again after 2026-11-25T11:00:00Z");
        assertThat(flushed).hasValue(1);
        assertThat(session.getState()).isEqualTo(ImapSessionState.LOGOUT);
        assertThat(ImapBans.refuseIfBanned(guard, from("192.0.2.8"), this::tell, () -> { })).isFalse();
    }

    @Test
    void aRefusalJamesReportsIsCountedUntilTheClientIsBanned() {
        FakeImapSession session = from("192.0.2.7");

        checks.check(session, Username.of("alice@mailbox.example"), "guess", this::tell, () -> { }, () -> checks.failed(session));
        assertThat(guard.banOf(ClientAddress.parse("192.0.2.7"))).isEmpty();
        checks.check(session, Username.of("alice@mailbox.example"), "guess again", this::tell, () -> { }, () -> checks.failed(session));

        assertThat(guard.banOf(ClientAddress.parse("192.0.2.7"))).isPresent();
        assertThat(told).isEmpty();
    }

    @Test
    void aSuspendedNameIsRefusedWithoutAskingJames() {
        for (String client : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3")) {
            FakeImapSession session = from(client);
            checks.check(session, Username.of("alice@mailbox.example"), "guess", this::tell, () -> { }, () -> checks.failed(session));
        }
        AtomicInteger jamesAsked = new AtomicInteger();

        checks.check(from("203.0.113.9"), Username.of("Alice@Mailbox.example"), "right password", this::tell, () -> { },
            jamesAsked::incrementAndGet);

        assertThat(jamesAsked).hasValue(0);
        assertThat(told).singleElement().asString().startsWith("logins as alice@mailbox.example are suspended");
    }
}
