package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** What every {@link HostedDomainStore} does, whatever keeps the data. */
public interface HostedDomainStoreContract {
    DomainName EXAMPLE = DomainName.of("example.com");
    DomainName OTHER = DomainName.of("other.example");

    HostedDomainStore store();

    @Test
    default void getReturnsEmptyForADomainNeverPut() {
        assertThat(store().get(EXAMPLE)).isEmpty();
    }

    @Test
    default void getReturnsWhatWasPut() {
        HostedDomain domain = HostedDomain.of(EXAMPLE, ServiceKind.BACKUP);
        store().put(domain);

        assertThat(store().get(EXAMPLE)).contains(domain);
    }

    @Test
    default void putReplacesTheWholeDomain() {
        store().put(HostedDomain.holding(EXAMPLE, ServiceKind.RELAY, policy(Optional.of(Set.of("alice")))));
        HostedDomain replacement = HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX);
        store().put(replacement);

        assertThat(store().get(EXAMPLE)).contains(replacement);
        assertThat(store().list()).containsExactly(replacement);
    }

    static org.apache.james.core.MailAddress address(String value) {
        try {
            return new org.apache.james.core.MailAddress(value);
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    default void forwardSettingsSurviveTheRoundTrip() {
        HostedDomain domain = HostedDomain.forwarding(EXAMPLE, new ForwardPolicy(address("owner@elsewhere.example"),
            java.util.Map.of("sales", address("a@x.example")), Set.of("old")))
            .withChecks(InboundChecks.ALL.with(InboundCheck.GREYLISTING, false));
        store().put(domain);

        assertThat(store().get(EXAMPLE)).contains(domain);
    }

    @Test
    default void everySettingSurvivesTheRoundTrip() {
        HostedDomain domain = HostedDomain.holding(EXAMPLE, ServiceKind.RELAY, policy(Optional.of(Set.of("alice", "bob"))));
        store().put(domain);

        HostedDomain read = store().get(EXAMPLE).orElseThrow();
        assertThat(read).isEqualTo(domain);
        assertThat(read.holdPolicy().orElseThrow().retention()).isEmpty();
        assertThat(read.holdPolicy().orElseThrow().recipients()).contains(Set.of("alice", "bob"));
    }

    /** Refused as input since, but stored by earlier versions: an upgrade must not make the domain unreadable. */
    @Test
    default void settingsEarlierVersionsTookStillRead() {
        HostedDomain domain = HostedDomain.holding(EXAMPLE, ServiceKind.RELAY, HoldPolicy.builder().destination(Destination.of("[dead]", 25))
            .retryInterval(Duration.ofMinutes(5)).retention(Optional.empty()).quotaMessages(500).quotaBytes(50L << 20)
            .recipients(Set.of()).build());
        store().put(domain);

        assertThat(store().get(EXAMPLE)).contains(domain);
        assertThat(store().list()).containsExactly(domain);
    }

    @Test
    default void listIsOrderedByName() {
        store().put(HostedDomain.forwarding(OTHER, ForwardPolicy.to(address("owner@elsewhere.example"))));
        store().put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));

        assertThat(store().list()).extracting(HostedDomain::name).containsExactly(EXAMPLE, OTHER);
    }

    @Test
    default void removeSaysWhetherTheDomainWasHosted() {
        store().put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));

        assertThat(store().remove(EXAMPLE)).isTrue();
        assertThat(store().remove(EXAMPLE)).isFalse();
        assertThat(store().get(EXAMPLE)).isEmpty();
    }

    @Test
    default void removeLeavesOtherDomains() {
        store().put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));
        store().put(HostedDomain.of(OTHER, ServiceKind.BACKUP));

        store().remove(EXAMPLE);

        assertThat(store().list()).extracting(HostedDomain::name).containsExactly(OTHER);
    }

    @Test
    default void concurrentPutsOfOneDomainLeaveOneOfThem() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ServiceKind service = i % 2 == 0 ? ServiceKind.BACKUP : ServiceKind.MAILBOX;
                puts.add(executor.submit(() -> store().put(HostedDomain.of(EXAMPLE, service))));
            }
            for (Future<?> put : puts) {
                put.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(store().list()).hasSize(1);
        assertThat(store().get(EXAMPLE).orElseThrow().service()).isIn(ServiceKind.BACKUP, ServiceKind.MAILBOX);
    }

    private static HoldPolicy policy(Optional<Set<String>> recipients) {
        return HoldPolicy.builder().destination(Destination.parse("mx.example.com:2525")).retryInterval(Duration.ofMinutes(5))
            .retention(Optional.empty()).quotaMessages(500).quotaBytes(50L << 20).paused(true).tls(TlsPolicy.REQUIRED)
            .recipients(recipients).build();
    }
}
