package org.mxsuite.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.Cidr;
import org.mxsuite.domain.InvalidSettingException;
import org.mxsuite.testing.MutableClock;

/** What every internal blocklist store does, whatever the database. */
public interface LocalBlocklistContract {
    LocalBlocklist blocklist();

    MutableClock clock();

    default LocalBlocklistEntry entry(String network, String reason, Optional<Instant> expires) {
        return new LocalBlocklistEntry(Cidr.parse(network), Optional.ofNullable(reason), expires, clock().instant());
    }

    @Test
    default void anEntryIsKeptWithItsReasonAndExpiry() {
        Instant until = clock().instant().plus(Duration.ofDays(7));
        blocklist().put(entry("192.0.2.0/24", "spam run", Optional.of(until)));

        assertThat(blocklist().get(Cidr.parse("192.0.2.0/24"))).contains(entry("192.0.2.0/24", "spam run", Optional.of(until)));
        assertThat(blocklist().list()).hasSize(1);
    }

    @Test
    default void networksAreMatchedByTheirAddressesIpv4AndIpv6() throws Exception {
        blocklist().put(entry("192.0.2.0/24", null, Optional.empty()));
        blocklist().put(entry("2001:db8::/32", "v6 abuse", Optional.empty()));

        assertThat(blocklist().match(InetAddress.getByName("192.0.2.77"))).map(LocalBlocklistEntry::network).contains(Cidr.parse("192.0.2.0/24"));
        assertThat(blocklist().match(InetAddress.getByName("2001:db8:5::1"))).map(LocalBlocklistEntry::reason).contains(Optional.of("v6 abuse"));
        assertThat(blocklist().match(InetAddress.getByName("192.0.3.1"))).isEmpty();
        assertThat(blocklist().match(InetAddress.getByName("2001:db9::1"))).isEmpty();
    }

    @Test
    default void theNarrowestNetworkWins() throws Exception {
        blocklist().put(entry("10.0.0.0/8", "wide", Optional.empty()));
        blocklist().put(entry("10.1.2.3", "host", Optional.empty()));

        assertThat(blocklist().match(InetAddress.getByName("10.1.2.3")).flatMap(LocalBlocklistEntry::reason)).contains("host");
        assertThat(blocklist().match(InetAddress.getByName("10.1.2.4")).flatMap(LocalBlocklistEntry::reason)).contains("wide");
    }

    @Test
    default void anExpiredEntryIsAsGoodAsAbsent() throws Exception {
        blocklist().put(entry("198.51.100.0/24", "for an hour", Optional.of(clock().instant().plus(Duration.ofHours(1)))));
        assertThat(blocklist().match(InetAddress.getByName("198.51.100.1"))).isPresent();

        clock().advance(Duration.ofHours(1));

        assertThat(blocklist().get(Cidr.parse("198.51.100.0/24"))).isEmpty();
        assertThat(blocklist().list()).isEmpty();
        assertThat(blocklist().match(InetAddress.getByName("198.51.100.1"))).isEmpty();
    }

    @Test
    default void putReplacesAndRemoveRemoves() throws Exception {
        blocklist().put(entry("203.0.113.9", "first", Optional.empty()));
        blocklist().put(entry("203.0.113.9/32", "second", Optional.empty()));

        assertThat(blocklist().list()).extracting(entry -> entry.reason().orElse("")).containsExactly("second");
        assertThat(blocklist().remove(Cidr.parse("203.0.113.9"))).isTrue();
        assertThat(blocklist().remove(Cidr.parse("203.0.113.9"))).isFalse();
        assertThat(blocklist().match(InetAddress.getByName("203.0.113.9"))).isEmpty();
    }

    @Test
    default void aReasonMustBeOnePrintableLine() {
        assertThatThrownBy(() -> entry("192.0.2.1", "two\r\nlines", Optional.empty())).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> entry("192.0.2.1", "x".repeat(201), Optional.empty())).isInstanceOf(InvalidSettingException.class);
    }
}
