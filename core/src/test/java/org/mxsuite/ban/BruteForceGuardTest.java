package org.mxsuite.ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;


class BruteForceGuardTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private static final ClientAddress ATTACKER = ClientAddress.parse("192.0.2.7");
    private MutableClock clock;
    private BruteForceGuard guard;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        guard = new BruteForceGuard(new JdbcBanStore(h2.stateStore()), BanSettings.defaults(), clock);
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            guard.loginFailed(ATTACKER, Protocol.values()[i % 3], null);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void tenFailuresWithinTheHourAreTolerated() {
        fail(10);

        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void theEleventhFailureBansForAnHour() {
        fail(11);

        Ban ban = guard.banOf(ATTACKER).orElseThrow();
        assertThat(ban.failures()).isEqualTo(11);
        assertThat(ban.reason()).contains("11 failed logins within 1h");
        assertThat(ban.expiresAt()).isEqualTo(ban.bannedAt().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(guard.banOf(ATTACKER)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotBan() {
        for (int i = 0; i < 20; i++) {
            guard.loginFailed(ATTACKER, Protocol.SMTP, null);
            clock.advance(Duration.ofMinutes(7));
        }

        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void anExpiredBanStartsTheCountAfresh() {
        fail(11);
        clock.advance(Duration.ofHours(1));

        fail(10);
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void exemptNetworksAreNeitherCountedNorBanned() {
        guard = new BruteForceGuard(new JdbcBanStore(h2.stateStore()),
            new BanSettings(10, Duration.ofHours(1), Duration.ofHours(1), List.of(Cidr.parse("192.0.2.0/24"))), clock);
        fail(20);

        assertThat(guard.banOf(ATTACKER)).isEmpty();
        assertThat(guard.activeBans()).isEmpty();
    }

    @Test
    void aBanByHandLastsTheConfiguredDurationOrTheGivenOne() {
        guard.ban(ATTACKER, "abuse report", Optional.empty());
        ClientAddress other = ClientAddress.parse("2001:db8::2");
        guard.ban(other, "scanner", Optional.of(Duration.ofDays(1)));

        assertThat(guard.activeBans()).extracting(Ban::subject, Ban::failures, Ban::reason)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(BanSubject.address(ATTACKER), 0, "abuse report"),
                org.assertj.core.groups.Tuple.tuple(BanSubject.address(other), 0, "scanner"));
        clock.advance(Duration.ofHours(2));
        assertThat(guard.activeBans()).extracting(Ban::subject).containsExactly(BanSubject.address(other));
    }

    @Test
    void anIpv6ClientThatTriesEachAddressOfItsSlash64IsBannedWithTheWholeSlash64() {
        for (int i = 1; i <= 20; i++) {
            guard.loginFailed(ClientAddress.parse("2001:db8:0:1::" + Integer.toHexString(i)), Protocol.IMAP, null);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(guard.banOf(ClientAddress.parse("2001:db8:0:1::99"))).as("20 failures of the /64 are tolerated").isEmpty();

        guard.loginFailed(ClientAddress.parse("2001:db8:0:1::21"), Protocol.IMAP, null);

        Ban ban = guard.banOf(ClientAddress.parse("2001:db8:0:1:ffff::1")).orElseThrow();
        assertThat(ban.subject().display()).isEqualTo("2001:db8:0:1:0:0:0:0/64");
        assertThat(ban.reason()).contains("21 failed logins within 1h");
        assertThat(guard.banOf(ClientAddress.parse("2001:db8:0:2::1"))).as("another /64").isEmpty();
        assertThat(guard.lift(ClientAddress.parse("2001:db8:0:1::5"))).as("lifted through any of its addresses").isTrue();
        assertThat(guard.banOf(ClientAddress.parse("2001:db8:0:1::5"))).isEmpty();
    }

    @Test
    void guessesAtOneUserNameFromManyAddressesSuspendLoginsAsThatName() {
        for (int i = 1; i <= 21; i++) {
            guard.loginFailed(ClientAddress.parse("198.51.100." + i), Protocol.POP3, "Alice@Example.com");
            clock.advance(Duration.ofSeconds(1));
        }

        Ban suspension = guard.suspensionOf("alice@example.com", ClientAddress.parse("203.0.113.1")).orElseThrow();
        assertThat(suspension.subject().display()).isEqualTo("alice@example.com");
        assertThat(suspension.reason()).contains("21 failed logins as this user within 1h");
        assertThat(guard.banOf(ClientAddress.parse("198.51.100.1"))).as("each address failed once only").isEmpty();
        assertThat(guard.suspensionOf("bob@example.com", ClientAddress.parse("203.0.113.1"))).isEmpty();
        assertThat(guard.liftUser("ALICE@example.com")).isTrue();
        assertThat(guard.suspensionOf("alice@example.com", ClientAddress.parse("203.0.113.1"))).isEmpty();
    }

    @Test
    void aSuspendedUserNameStillLogsInFromAnExemptNetwork() {
        guard = new BruteForceGuard(new JdbcBanStore(h2.stateStore()),
            new BanSettings(10, 20, 3, Duration.ofHours(1), Duration.ofHours(1), List.of(Cidr.parse("192.0.2.0/24"))), clock);
        for (int i = 1; i <= 4; i++) {
            guard.loginFailed(ClientAddress.parse("198.51.100." + i), Protocol.SMTP, "acme");
        }

        assertThat(guard.suspensionOf("acme", ClientAddress.parse("198.51.100.9"))).isPresent();
        assertThat(guard.suspensionOf("acme", ATTACKER)).as("192.0.2.7 is exempt").isEmpty();
    }

    /** The panel lifts what {@link BruteForceGuard#activeBans()} lists, each ban by its own subject. */
    @Test
    void aListedBanIsLiftedByItsSubjectAndNoOther() {
        for (int i = 1; i <= 21; i++) {
            guard.loginFailed(ClientAddress.parse("2001:db8:0:1::" + Integer.toHexString(i)), Protocol.SMTP, null);
        }
        fail(11);
        BanSubject network = guard.activeBans().stream().map(Ban::subject).filter(subject -> subject.kind() == BanSubject.Kind.NETWORK)
            .findFirst().orElseThrow();

        assertThat(guard.lift(network)).isTrue();
        assertThat(guard.lift(network)).as("lifted already").isFalse();
        assertThat(guard.activeBans()).extracting(Ban::subject).containsExactly(BanSubject.address(ATTACKER));
        assertThat(guard.lift(BanSubject.address(ATTACKER))).isTrue();
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void liftRestoresAccessAndTheCount() {
        fail(11);

        assertThat(guard.lift(ATTACKER)).isTrue();
        assertThat(guard.banOf(ATTACKER)).isEmpty();
        fail(10);
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void aBanOrALiftByAnotherNodeSharingTheStoreCountsHereWithinASecond() {
        BruteForceGuard otherNode = new BruteForceGuard(new JdbcBanStore(h2.stateStore()), BanSettings.defaults(), clock);
        assertThat(guard.banOf(ATTACKER)).isEmpty();

        otherNode.ban(ATTACKER, "abuse report", Optional.empty());
        assertThat(otherNode.banOf(ATTACKER)).isPresent();
        clock.advance(BruteForceGuard.FRESHNESS);
        assertThat(guard.banOf(ATTACKER)).isPresent();

        otherNode.lift(ATTACKER);
        clock.advance(BruteForceGuard.FRESHNESS);
        assertThat(guard.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void settingsAreReadFromTheSuiteProperties() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("ban.maxFailures", "3");
        configuration.addProperty("ban.window", "10m");
        configuration.addProperty("ban.duration", "2d");
        configuration.addProperty("ban.exempt", "127.0.0.0/8, ::1");

        BanSettings settings = BanSettings.from(configuration);

        assertThat(settings.maxFailures()).isEqualTo(3);
        assertThat(settings.maxFailures(BanSubject.Kind.NETWORK)).as("the shipped file's, unless set").isEqualTo(20);
        assertThat(settings.maxFailures(BanSubject.Kind.USER)).isEqualTo(20);
        configuration.addProperty("ban.maxFailuresPerUser", "50");
        assertThat(BanSettings.from(configuration).maxFailures(BanSubject.Kind.USER)).isEqualTo(50);
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.duration()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.isExempt(ClientAddress.parse("127.0.0.1"))).isTrue();
        assertThat(settings.isExempt(ClientAddress.parse("::1"))).isTrue();
        assertThat(settings.isExempt(ATTACKER)).isFalse();
    }

    @Test
    void byDefaultNothingIsExempt() {
        BanSettings settings = BanSettings.from(new BaseConfiguration());

        assertThat(settings.maxFailures()).isEqualTo(10);
        assertThat(settings.window()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.isExempt(ClientAddress.parse("127.0.0.1"))).isFalse();
    }

    @Test
    void onlyAddressLiteralsAreClientAddresses() {
        assertThat(ClientAddress.parse("[2001:db8::1]").asString()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThatThrownBy(() -> ClientAddress.parse("example.com")).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> ClientAddress.parse("192.0.2.0/24")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void anUnreachableStateStoreLetsClientsThroughRatherThanLockingEveryoneOut() throws Exception {
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("mxsuite-closed");
        org.mxsuite.state.StateStore closed = org.mxsuite.state.StateStore.openH2(directory.resolve("state").toFile(), 2);
        closed.close();
        BruteForceGuard offline = new BruteForceGuard(new JdbcBanStore(closed), BanSettings.defaults(), clock);

        offline.loginFailed(ATTACKER, Protocol.SMTP, null);
        assertThat(offline.banOf(ATTACKER)).isEmpty();
    }

    @Test
    void aScopedIpv6AddressIsTheSameClientWithoutItsScope() throws Exception {
        java.net.InetAddress scoped = java.net.Inet6Address.getByAddress(null,
            java.net.InetAddress.getByName("fe80::1").getAddress(), 3);

        assertThat(ClientAddress.of(scoped)).isEqualTo(ClientAddress.parse("fe80::1"));
        assertThat(ClientAddress.of(scoped).asString()).isEqualTo("fe80:0:0:0:0:0:0:1");
    }
}
