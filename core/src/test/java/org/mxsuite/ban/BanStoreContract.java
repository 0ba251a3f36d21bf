package org.mxsuite.ban;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What every {@link BanStore} does, whatever keeps the data. */
public interface BanStoreContract {
    Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    BanSubject ATTACKER = BanSubject.address(ClientAddress.parse("192.0.2.7"));
    BanSubject OTHER = BanSubject.address(ClientAddress.parse("2001:db8::1"));

    BanStore store();

    @Test
    default void failuresAreCountedPerAddressAcrossProtocols() {
        assertThat(store().recordFailure(ATTACKER, Protocol.SMTP, NOW, NOW.minusSeconds(3600))).isEqualTo(1);
        assertThat(store().recordFailure(ATTACKER, Protocol.IMAP, NOW.plusSeconds(1), NOW.minusSeconds(3600))).isEqualTo(2);
        assertThat(store().recordFailure(OTHER, Protocol.POP3, NOW.plusSeconds(2), NOW.minusSeconds(3600))).isEqualTo(1);
        assertThat(store().recordFailure(ATTACKER, Protocol.POP3, NOW.plusSeconds(3), NOW.minusSeconds(3600))).isEqualTo(3);
    }

    @Test
    default void failuresOlderThanTheWindowNoLongerCount() {
        store().recordFailure(ATTACKER, Protocol.SMTP, NOW, NOW.minus(Duration.ofHours(1)));
        store().recordFailure(ATTACKER, Protocol.SMTP, NOW.plus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(30)));

        Instant later = NOW.plus(Duration.ofMinutes(61));
        assertThat(store().recordFailure(ATTACKER, Protocol.SMTP, later, later.minus(Duration.ofHours(1)))).isEqualTo(2);
    }

    @Test
    default void aBanIsInForceUntilItExpires() {
        Ban ban = new Ban(ATTACKER, "11 failed logins", 11, NOW, NOW.plus(Duration.ofHours(1)));
        store().ban(ban);

        assertThat(store().activeBan(ATTACKER, NOW)).contains(ban);
        assertThat(store().activeBan(ATTACKER, NOW.plus(Duration.ofMinutes(59)))).contains(ban);
        assertThat(store().activeBan(ATTACKER, NOW.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(store().activeBan(OTHER, NOW)).isEmpty();
    }

    @Test
    default void aBanForgetsTheFailuresThatCausedIt() {
        store().recordFailure(ATTACKER, Protocol.SMTP, NOW, NOW.minusSeconds(3600));
        store().recordFailure(ATTACKER, Protocol.SMTP, NOW, NOW.minusSeconds(3600));
        store().ban(new Ban(ATTACKER, "by hand", 0, NOW, NOW.plusSeconds(60)));

        assertThat(store().recordFailure(ATTACKER, Protocol.IMAP, NOW.plusSeconds(61), NOW.minusSeconds(3600))).isEqualTo(1);
    }

    @Test
    default void aNewBanReplacesTheOldOne() {
        store().ban(new Ban(ATTACKER, "first", 11, NOW, NOW.plusSeconds(60)));
        Ban second = new Ban(ATTACKER, "second", 0, NOW.plusSeconds(10), NOW.plusSeconds(7200));
        store().ban(second);

        assertThat(store().activeBans(NOW.plusSeconds(100))).containsExactly(second);
    }

    @Test
    default void activeBansListsOnlyBansInForce() {
        Ban expired = new Ban(OTHER, "old", 11, NOW.minusSeconds(7200), NOW.minusSeconds(3600));
        Ban active = new Ban(ATTACKER, "new", 12, NOW, NOW.plusSeconds(3600));
        store().ban(expired);
        store().ban(active);

        assertThat(store().activeBans(NOW)).containsExactly(active);
    }

    @Test
    default void liftEndsTheBanAndForgetsFailures() {
        store().ban(new Ban(ATTACKER, "x", 11, NOW, NOW.plusSeconds(3600)));
        store().recordFailure(ATTACKER, Protocol.SMTP, NOW.plusSeconds(1), NOW.minusSeconds(3600));

        assertThat(store().lift(ATTACKER, NOW.plusSeconds(2))).isTrue();
        assertThat(store().activeBan(ATTACKER, NOW.plusSeconds(2))).isEmpty();
        assertThat(store().lift(ATTACKER, NOW.plusSeconds(3))).isFalse();
        assertThat(store().recordFailure(ATTACKER, Protocol.SMTP, NOW.plusSeconds(4), NOW.minusSeconds(3600))).isEqualTo(1);
    }

    @Test
    default void liftingAnExpiredBanSaysSo() {
        store().ban(new Ban(ATTACKER, "x", 11, NOW, NOW.plusSeconds(60)));

        assertThat(store().lift(ATTACKER, NOW.plusSeconds(61))).isFalse();
    }

    @Test
    default void purgeDropsExpiredBansAndOldFailures() {
        store().ban(new Ban(OTHER, "old", 11, NOW.minusSeconds(7200), NOW.minusSeconds(3600)));
        Ban active = new Ban(ATTACKER, "new", 12, NOW, NOW.plusSeconds(3600));
        store().ban(active);
        BanSubject third = BanSubject.address(ClientAddress.parse("198.51.100.1"));
        store().recordFailure(third, Protocol.POP3, NOW.minusSeconds(7200), NOW.minusSeconds(10000));

        store().purge(NOW, NOW.minusSeconds(3600));

        assertThat(store().activeBans(NOW.minusSeconds(5000))).containsExactly(active);
        assertThat(store().recordFailure(third, Protocol.POP3, NOW, NOW.minusSeconds(10000))).isEqualTo(1);
    }

    @Test
    default void ipv6AddressesAreStoredCanonically() {
        store().ban(new Ban(BanSubject.address(ClientAddress.parse("2001:DB8:0::1")), "x", 11, NOW, NOW.plusSeconds(60)));

        assertThat(store().activeBan(OTHER, NOW)).isPresent();
        assertThat(store().activeBans(NOW).get(0).subject()).isEqualTo(OTHER);
    }

    @Test
    default void networksAndUserNamesAreCountedAndBannedLikeAddresses() {
        BanSubject network = BanSubject.networkOf(ClientAddress.parse("2001:db8:0:1::5")).orElseThrow();
        BanSubject user = BanSubject.user("Alice@Example.com");
        BanSubject longName = BanSubject.user("a".repeat(400) + "@example.com");
        for (BanSubject subject : java.util.List.of(network, user, longName)) {
            assertThat(store().recordFailure(subject, Protocol.IMAP, NOW, NOW.minusSeconds(3600))).isEqualTo(1);
            assertThat(store().recordFailure(subject, Protocol.SMTP, NOW.plusSeconds(1), NOW.minusSeconds(3600))).isEqualTo(2);
            store().ban(new Ban(subject, "x", 2, NOW, NOW.plusSeconds(60)));
            assertThat(store().activeBan(subject, NOW)).hasValueSatisfying(ban -> assertThat(ban.subject()).isEqualTo(subject));
        }
        assertThat(store().activeBans(NOW)).extracting(ban -> ban.subject().display())
            .containsExactlyInAnyOrder("2001:db8:0:1:0:0:0:0/64", "alice@example.com", ("a".repeat(400) + "@example.com").substring(0, 320));
    }
}
