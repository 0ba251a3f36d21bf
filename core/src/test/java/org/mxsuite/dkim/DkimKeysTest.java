package org.mxsuite.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.testing.MutableClock;

/** The keys' life: pending until DNS serves them, active, retired by a rotation; and what signing is given. */
class DkimKeysTest {
    private static final DomainName SHOP = DomainName.of("shop.example.net");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final Set<String> served = new HashSet<>();
    private final DkimKeyStore store = new MemoryDkimKeyStore();
    private final DkimKeys keys = new DkimKeys(store, new DkimKeyGenerator(),
        key -> served.contains(key.recordName()) ? DkimKeys.Publication.SERVED : DkimKeys.Publication.NOT_SERVED, clock);

    @Test
    void newKeysArePendingAndSignNothingUntilDnsServesThem() {
        List<DkimKey> created = keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA, DkimAlgorithm.ED25519));

        assertThat(created).extracting(DkimKey::selector).containsExactly("rsa20261205", "ed20261205");
        assertThat(created).allMatch(key -> key.state() == DkimKey.State.PENDING);
        assertThat(keys.signingKeys(SHOP)).isEmpty();

        served.add("rsa20261205._domainkey.shop.example.net");
        clock.advance(DkimKeys.CACHE_TIME);
        assertThat(keys.signingKeys(SHOP)).extracting(DkimKey::selector).containsExactly("rsa20261205");
        assertThat(keys.keys(SHOP)).extracting(DkimKey::selector, DkimKey::state).containsExactlyInAnyOrder(
            tuple("rsa20261205", DkimKey.State.ACTIVE), tuple("ed20261205", DkimKey.State.PENDING));
    }

    @Test
    void aDomainWithoutKeysIsNotSigned() {
        assertThat(keys.signingKeys(DomainName.of("unknown.example.net"))).isEmpty();
    }

    @Test
    void aSecondCreateIsRefusedWhileKeysAreInUse() {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA));

        assertThatThrownBy(() -> keys.create(SHOP, EnumSet.of(DkimAlgorithm.ED25519)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotate");
    }

    @Test
    void aRotationSignsWithTheOldKeyUntilTheNewOneIsServedThenRetiresIt() {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.ED25519));
        keys.activate(SHOP, "ed20261205");
        clock.advance(Duration.ofDays(90));

        List<DkimKey> rotated = keys.rotate(SHOP);
        assertThat(rotated).extracting(DkimKey::selector).containsExactly("ed20270305");
        assertThat(keys.signingKeys(SHOP)).extracting(DkimKey::selector).containsExactly("ed20261205");
        assertThatThrownBy(() -> keys.rotate(SHOP)).isInstanceOf(IllegalStateException.class).hasMessageContaining("pending");

        served.add("ed20270305._domainkey.shop.example.net");
        clock.advance(DkimKeys.CACHE_TIME);
        assertThat(keys.signingKeys(SHOP)).extracting(DkimKey::selector).containsExactly("ed20270305");
        DkimKey old = keys.keys(SHOP).get(0);
        assertThat(old.state()).isEqualTo(DkimKey.State.RETIRED);
        assertThat(old.stateChanged()).isEqualTo(clock.instant());
    }

    @Test
    void theAdministratorActivatesAKeyDnsDoesNotServeYet() {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA));

        assertThat(keys.activate(SHOP, "rsa20261205")).map(DkimKey::state).contains(DkimKey.State.ACTIVE);
        assertThat(keys.activate(SHOP, "nosuch")).isEmpty();
        assertThat(keys.signingKeys(SHOP)).extracting(DkimKey::selector).containsExactly("rsa20261205");
    }

    @Test
    void aRotationOnTheSameDayTakesAnotherSelector() {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA));
        keys.activate(SHOP, "rsa20261205");

        assertThat(keys.rotate(SHOP)).extracting(DkimKey::selector).containsExactly("rsa20261205-2");
    }

    @Test
    void nothingToRotateWithoutKeys() {
        assertThatThrownBy(() -> keys.rotate(SHOP)).isInstanceOf(IllegalStateException.class).hasMessageContaining("create");
    }

    @Test
    void aDeletedKeyStopsSigningAtOnce() {
        keys.create(SHOP, EnumSet.of(DkimAlgorithm.RSA));
        keys.activate(SHOP, "rsa20261205");
        assertThat(keys.signingKeys(SHOP)).hasSize(1);

        assertThat(keys.delete(SHOP, "rsa20261205")).isTrue();
        assertThat(keys.signingKeys(SHOP)).isEmpty();
        assertThat(keys.delete(SHOP, "rsa20261205")).isFalse();
    }
}
