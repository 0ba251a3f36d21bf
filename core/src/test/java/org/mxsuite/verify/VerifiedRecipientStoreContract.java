package org.mxsuite.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;

/** What every {@link VerifiedRecipientStore} does, whatever keeps the data. */
public interface VerifiedRecipientStoreContract {
    DomainName A = DomainName.of("a.example.net");
    DomainName B = DomainName.of("b.example.net");
    Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    VerifiedRecipientStore store();

    /** The store as another node sharing the same data sees it (the same store where there is one node only). */
    default VerifiedRecipientStore otherNode() {
        return store();
    }

    static VerifiedRecipient accepted(DomainName domain, String address, Instant at, Duration remembered) {
        return new VerifiedRecipient(domain, address, true, "250 2.1.5 ok", at, at.plus(remembered));
    }

    static VerifiedRecipient refused(DomainName domain, String address, Instant at, Duration remembered) {
        return new VerifiedRecipient(domain, address, false, "550 5.1.1 <" + address + ">: User unknown", at, at.plus(remembered));
    }

    @Test
    default void anAnswerIsFoundUntilItExpires() {
        VerifiedRecipient answer = refused(A, "nobody@a.example.net", NOW, Duration.ofDays(3));
        store().put(answer);

        assertThat(store().get(A, "nobody@a.example.net", NOW.plus(Duration.ofDays(3).minusSeconds(1)))).contains(answer);
        assertThat(store().get(A, "nobody@a.example.net", NOW.plus(Duration.ofDays(3)))).isEmpty();
        assertThat(store().get(A, "somebody@a.example.net", NOW)).isEmpty();
    }

    @Test
    default void aNewAnswerReplacesTheOldOne() {
        store().put(refused(A, "alice@a.example.net", NOW, Duration.ofDays(3)));
        VerifiedRecipient later = accepted(A, "alice@a.example.net", NOW.plusSeconds(60), Duration.ofDays(31));
        store().put(later);

        assertThat(store().get(A, "alice@a.example.net", NOW.plusSeconds(61))).contains(later);
        assertThat(store().list(A, NOW.plusSeconds(61))).containsExactly(later);
    }

    @Test
    default void everyNodeSeesTheAnswersOfTheOthers() {
        VerifiedRecipient answer = accepted(A, "alice@a.example.net", NOW, Duration.ofDays(31));
        store().put(answer);

        assertThat(otherNode().get(A, "alice@a.example.net", NOW)).contains(answer);
    }

    @Test
    default void theListIsOneDomainsFreshAnswersByAddress() {
        VerifiedRecipient bob = accepted(A, "bob@a.example.net", NOW, Duration.ofDays(31));
        VerifiedRecipient alice = refused(A, "alice@a.example.net", NOW, Duration.ofDays(3));
        store().put(bob);
        store().put(alice);
        store().put(accepted(A, "old@a.example.net", NOW, Duration.ofMinutes(1)));
        store().put(accepted(B, "carol@b.example.net", NOW, Duration.ofDays(31)));

        assertThat(store().list(A, NOW.plusSeconds(120))).containsExactly(alice, bob);
        assertThat(store().list(DomainName.of("none.example.net"), NOW)).isEmpty();
    }

    @Test
    default void oneAddressOrAWholeDomainIsForgotten() {
        store().put(accepted(A, "alice@a.example.net", NOW, Duration.ofDays(31)));
        store().put(refused(A, "nobody@a.example.net", NOW, Duration.ofDays(3)));
        store().put(accepted(B, "carol@b.example.net", NOW, Duration.ofDays(31)));

        assertThat(store().remove(A, "nobody@a.example.net")).isTrue();
        assertThat(store().remove(A, "nobody@a.example.net")).isFalse();
        assertThat(store().get(A, "nobody@a.example.net", NOW)).isEmpty();
        assertThat(store().removeAll(A)).isEqualTo(1);
        assertThat(store().list(A, NOW)).isEmpty();
        assertThat(store().list(B, NOW)).hasSize(1);
        assertThat(store().removeAll(A)).isZero();
    }

    @Test
    default void writingAnAnswerDropsTheDomainsExpiredOnes() {
        store().put(accepted(A, "old@a.example.net", NOW, Duration.ofMinutes(1)));
        store().put(accepted(B, "old@b.example.net", NOW, Duration.ofMinutes(1)));
        store().put(accepted(A, "new@a.example.net", NOW.plusSeconds(120), Duration.ofDays(31)));

        assertThat(store().remove(A, "old@a.example.net")).as("dropped when the domain was written").isFalse();
        assertThat(store().remove(B, "old@b.example.net")).as("another domain is left alone").isTrue();
    }
}
