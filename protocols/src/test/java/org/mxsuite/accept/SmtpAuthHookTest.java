package org.mxsuite.accept;

import org.mxsuite.accept.common.MailboxPasswordCost;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.lib.model.Algorithm;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.MemoryBanStore;
import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.MemoryRelayAccountStore;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayClients;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.testing.MutableClock;

/** SMTP AUTH of relay accounts (logins without '@'), and the bans around every login. */
class SmtpAuthHookTest {
    private static final String PASSWORD = "long enough secret";
    /** Hashed once: each hash costs what it costs a guesser. */
    private static final PasswordHash HASH = PasswordHash.of(PASSWORD);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    /** One failure allowed per address, two per user name. */
    private final BruteForceGuard guard = new BruteForceGuard(new MemoryBanStore(),
        new BanSettings(1, 2, 2, Duration.ofHours(1), Duration.ofHours(1), List.of()), clock);
    private final RelayAccountStore accounts = new MemoryRelayAccountStore();
    private final SmtpAuthHook hook = new SmtpAuthHook(guard, new UsersRepositoryAuthHook(neverAsked(UsersRepository.class),
        neverAsked(Authorizator.class)), new RelayClients(accounts, new RelaySettings(200, true, Optional.empty(), List.of())),
        new MailboxPasswordCost(neverAsked(UsersRepository.class), Algorithm.of("PBKDF2")));

    SmtpAuthHookTest() {
        accounts.put(new RelayAccount(RelayAccountName.of("acme"), HASH, Set.of(DomainName.of("acme.example")), 200));
    }

    /** James's users, which a relay login must never ask. */
    private static <T> T neverAsked(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
            throw new AssertionError("a relay login asked James's " + type.getSimpleName() + "." + method.getName());
        }));
    }

    private HookResult login(FakeSmtpSession session, String name, String password) {
        return hook.doAuth(session, Username.of(name), password);
    }

    @Test
    void aRelayAccountLogsInAndMayRelay() {
        FakeSmtpSession session = FakeSmtpSession.from("192.0.2.7");

        HookResult result = login(session, "ACME", PASSWORD);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(session.getUsername()).isEqualTo(Username.of("acme"));
        assertThat(session.isRelayingAllowed()).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedUntilTheAddressIsBanned() {
        HookResult refused = login(FakeSmtpSession.from("192.0.2.7"), "acme", "wrong password");
        assertThat(refused.getSmtpRetCode()).isEqualTo("535");
        assertThat(guard.banOf(ClientAddress.parse("192.0.2.7"))).isEmpty();

        login(FakeSmtpSession.from("192.0.2.7"), "acme", "wrong again");

        assertThat(guard.banOf(ClientAddress.parse("192.0.2.7"))).isPresent();
        HookResult banned = login(FakeSmtpSession.from("192.0.2.7"), "acme", PASSWORD);
        assertThat(banned.getSmtpRetCode()).as("refused before the password is checked").isEqualTo("554");
        assertThat(banned.getSmtpDescription()).startsWith("5.7.1 192.0.2.7 is banned");
    }

    @Test
    void aSuspendedUserNameIsRefusedForAWhileWhateverTheAddress() {
        for (String client : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3")) {
            login(FakeSmtpSession.from(client), "acme", "guess from " + client);
        }

        HookResult suspended = login(FakeSmtpSession.from("203.0.113.9"), "acme", PASSWORD);

        assertThat(suspended.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(suspended.getSmtpRetCode()).isEqualTo("454");
        assertThat(suspended.getSmtpDescription()).startsWith("4.7.0 logins as acme are suspended");
    }
}
