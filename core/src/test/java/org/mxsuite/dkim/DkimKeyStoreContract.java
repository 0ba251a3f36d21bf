package org.mxsuite.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** The behaviour every {@link DkimKeyStore} has, on memory, H2 and PostgreSQL. */
public interface DkimKeyStoreContract {
    DomainName SHOP = DomainName.of("shop.example.net");
    DomainName OTHER = DomainName.of("other.example.net");
    Instant CREATED = Instant.parse("2026-12-05T10:00:00.123Z");
    DkimKeyGenerator GENERATOR = new DkimKeyGenerator();

    DkimKeyStore store();

    @Test
    default void aKeyIsReadBackWhole() {
        DkimKey rsa = GENERATOR.generate(SHOP, "rsa20261205", DkimAlgorithm.RSA, CREATED);
        DkimKey ed = GENERATOR.generate(SHOP, "ed20261205", DkimAlgorithm.ED25519, CREATED);
        assertThat(store().add(rsa)).isTrue();
        assertThat(store().add(ed)).isTrue();

        assertThat(store().keys(SHOP)).containsExactly(ed, rsa);
        assertThat(store().keys(SHOP).get(1).privateKey()).isEqualTo(rsa.privateKey());
        assertThat(store().keys(OTHER)).isEmpty();
    }

    @Test
    default void aSelectorIsTakenOncePerDomain() {
        assertThat(store().add(GENERATOR.generate(SHOP, "s1", DkimAlgorithm.ED25519, CREATED))).isTrue();
        DkimKey again = GENERATOR.generate(SHOP, "s1", DkimAlgorithm.ED25519, CREATED.plusSeconds(1));

        assertThat(store().add(again)).isFalse();
        assertThat(store().keys(SHOP)).hasSize(1).doesNotContain(again);
        assertThat(store().add(GENERATOR.generate(OTHER, "s1", DkimAlgorithm.ED25519, CREATED))).isTrue();
    }

    @Test
    default void keysComeOldestFirst() {
        store().add(GENERATOR.generate(SHOP, "b", DkimAlgorithm.ED25519, CREATED.plusSeconds(60)));
        store().add(GENERATOR.generate(SHOP, "c", DkimAlgorithm.ED25519, CREATED));
        store().add(GENERATOR.generate(SHOP, "a", DkimAlgorithm.ED25519, CREATED.plusSeconds(60)));

        assertThat(store().keys(SHOP)).extracting(DkimKey::selector).containsExactly("c", "a", "b");
    }

    @Test
    default void stateChangesAreKept() {
        store().add(GENERATOR.generate(SHOP, "s1", DkimAlgorithm.ED25519, CREATED));
        Instant later = CREATED.plusSeconds(3600);

        assertThat(store().setState(SHOP, "s1", DkimKey.State.ACTIVE, later)).isTrue();
        assertThat(store().setState(SHOP, "s2", DkimKey.State.ACTIVE, later)).isFalse();

        DkimKey key = store().keys(SHOP).get(0);
        assertThat(key.state()).isEqualTo(DkimKey.State.ACTIVE);
        assertThat(key.stateChanged()).isEqualTo(later);
        assertThat(key.created()).isEqualTo(CREATED);
    }

    @Test
    default void aDeletedKeyIsGone() {
        store().add(GENERATOR.generate(SHOP, "s1", DkimAlgorithm.ED25519, CREATED));
        store().add(GENERATOR.generate(SHOP, "s2", DkimAlgorithm.ED25519, CREATED));

        assertThat(store().delete(SHOP, "s1")).isTrue();
        assertThat(store().delete(SHOP, "s1")).isFalse();
        assertThat(store().keys(SHOP)).extracting(DkimKey::selector).containsExactly("s2");
    }
}
