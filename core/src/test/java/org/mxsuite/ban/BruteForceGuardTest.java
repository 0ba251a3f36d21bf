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
import org.mxsuite.hold.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.state.JdbcBanStore;

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
            guard.loginFailed(ATTACKER, Protocol.values()[i % 3]);
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
            guard.loginFailed(ATTACKER, Protocol.SMTP);
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

        assertThat(guard.activeBans()).extracting(Ban::address, Ban::failures, Ban::reason)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ATTACKER, 0, "abuse report"),
                org.assertj.core.groups.Tuple.tuple(other, 0, "scanner"));
        clock.advance(Duration.ofHours(2));
        assertThat(guard.activeBans()).extracting(Ban::address).containsExactly(other);
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

        offline.loginFailed(ATTACKER, Protocol.SMTP);
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
