package org.mxsuite.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.net.Deadline;

class SenderDomainLookupTest {
    private TestDnsServer dns;
    private SenderDomainLookup lookup;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start()
            .mx("mx.example", 10, "mail.mx.example")
            .a("a-only.example", "192.0.2.1")
            .a("aaaa-only.example", "2001:db8::1")
            .mx("literal-mx.example", 10, "192.0.2.25")
            .mx("null-mx.example", 0, ".")
            .txt("txt-only.example", "v=spf1 -all")
            .servfail("broken.example")
            .silent("slow.example");
        DnsResolver resolver = new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(1),
            Duration.ofHours(1), Clock.systemUTC());
        lookup = new SenderDomainLookup(resolver);
    }

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void anMxHostAnAOrAnAaaaRecordIsEnough() {
        assertThat(lookup.check("mx.example").join().status()).isEqualTo(SenderDomainVerdict.Status.RESOLVES);
        assertThat(lookup.check("a-only.example").join().status()).isEqualTo(SenderDomainVerdict.Status.RESOLVES);
        assertThat(lookup.check("aaaa-only.example").join().status()).isEqualTo(SenderDomainVerdict.Status.RESOLVES);
    }

    @Test
    void aDomainThatDoesNotExist() {
        assertThat(lookup.check("nowhere.example").join().status()).isEqualTo(SenderDomainVerdict.Status.DOES_NOT_EXIST);
    }

    @Test
    void anMxWrittenAsAnAddressANullMxOrNoRecordAtAllIsNoMailAddress() {
        assertThat(lookup.check("literal-mx.example").join().status()).isEqualTo(SenderDomainVerdict.Status.NO_MAIL_ADDRESS);
        assertThat(lookup.check("null-mx.example").join().status()).isEqualTo(SenderDomainVerdict.Status.NO_MAIL_ADDRESS);
        assertThat(lookup.check("txt-only.example").join().status()).isEqualTo(SenderDomainVerdict.Status.NO_MAIL_ADDRESS);
    }

    @Test
    void theVerdictIsDueByItsDeadlineAndTheCallerNeverWaitsForIt() {
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<SenderDomainVerdict> verdict = lookup.check("slow.example", Deadline.after(java.time.Duration.ofMillis(300)));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(100));
        assertThat(verdict.isDone()).isFalse();

        assertThat(verdict.join().status()).isEqualTo(SenderDomainVerdict.Status.TEMPORARY_FAILURE);
        assertThat(verdict.join().detail()).isEqualTo("no answer within 1s");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(600));
    }

    @Test
    void failuresAndTimeoutsAreTemporary() {
        assertThat(lookup.check("broken.example").join().status()).isEqualTo(SenderDomainVerdict.Status.TEMPORARY_FAILURE);
        assertThat(lookup.check("slow.example").join().status()).isEqualTo(SenderDomainVerdict.Status.TEMPORARY_FAILURE);
    }
}
