package org.mxsuite.accept.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.common.EmptyResponse;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.MemoryBanStore;
import org.mxsuite.ban.Protocol;
import org.mxsuite.testing.MutableClock;

/** POP3's ban checks, before any credential is checked (which needs James's mailboxes, and is left to the integration tests). */
class Pop3BanChecksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    /** One failure allowed per address, two per user name. */
    private final BruteForceGuard guard = new BruteForceGuard(new MemoryBanStore(),
        new BanSettings(1, 2, 2, Duration.ofHours(1), Duration.ofHours(1), List.of()), clock);
    /** James's mailboxes are never reached by these checks. */
    private final BanCheckingPassCmdHandler pass = new BanCheckingPassCmdHandler(null, null, new RecordingMetricFactory(), guard, null);

    /** A POP3 session from {@code client}, after USER {@code user}; counts how often it was sent back to USER. */
    private static POP3Session session(String client, String user, boolean tls, AtomicInteger backToUser) {
        return (POP3Session) Proxy.newProxyInstance(POP3Session.class.getClassLoader(), new Class<?>[] {POP3Session.class},
            (proxy, method, arguments) -> {
                switch (method.getName()) {
                    case "getRemoteAddress":
                        return new InetSocketAddress(client, 40000);
                    case "getUsername":
                        return user == null ? null : Username.of(user);
                    case "isTLSStarted":
                        return tls;
                    case "setHandlerState":
                        assertThat(arguments[0]).isEqualTo(POP3Session.AUTHENTICATION_READY);
                        backToUser.incrementAndGet();
                        return null;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    private static String reply(Response response) {
        return String.join("\n", response.getLines());
    }

    @Test
    void aBannedClientIsRefusedAtConnectAndAtPass() {
        guard.ban(ClientAddress.parse("192.0.2.7"), "by hand", Optional.empty());
        POP3Session banned = session("192.0.2.7", "alice@mailbox.example", true, new AtomicInteger());

        Response connect = new BanCheckingConnectHandler(guard).onConnect(banned);
        Response password = pass.onCommand(banned, new BaseRequest("PASS", "secret"));

        assertThat(reply(connect)).isEqualTo("-ERR 192.0.2.7 is banned after too many failed logins; try again after 2026-11-25T11:00:00Z");
        assertThat(connect.isEndSession()).isTrue();
        assertThat(reply(password)).startsWith("-ERR 192.0.2.7 is banned");
        assertThat(password.isEndSession()).isTrue();
        assertThat(new BanCheckingConnectHandler(guard).onConnect(session("192.0.2.8", null, false, new AtomicInteger())))
            .isSameAs(EmptyResponse.INSTANCE);
    }

    @Test
    void aSuspendedNameIsSentBackToUserUncounted() {
        for (String client : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3")) {
            guard.loginFailed(ClientAddress.parse(client), Protocol.POP3, "alice@mailbox.example");
        }
        AtomicInteger backToUser = new AtomicInteger();

        Response response = pass.onCommand(session("203.0.113.9", "alice@mailbox.example", true, backToUser), new BaseRequest("PASS", "x"));

        assertThat(reply(response)).startsWith("-ERR logins as alice@mailbox.example are suspended");
        assertThat(response.isEndSession()).isFalse();
        assertThat(backToUser).hasValue(1);
        assertThat(guard.banOf(ClientAddress.parse("203.0.113.9"))).as("not counted").isEmpty();
    }

    @Test
    void withRequireTlsAPasswordInClearIsRefusedUncounted() throws Exception {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("requireTls", true);
        pass.init(configuration);
        AtomicInteger backToUser = new AtomicInteger();

        Response response = pass.onCommand(session("192.0.2.7", "alice@mailbox.example", false, backToUser), new BaseRequest("PASS", "x"));

        assertThat(reply(response)).isEqualTo("-ERR PASS is refused on an unencrypted connection: use STLS first");
        assertThat(backToUser).hasValue(1);
    }
}
