package org.mxsuite.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.deliver.LoopbackSmtpServer;
import org.mxsuite.deliver.RecipientCallout;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.UnstartedDeliveryEngine;
import org.mxsuite.verify.RecipientVerdict.Kind;

/** Verification against a real SMTP server on loopback playing the customer's. */
class RecipientVerifierTest {
    private static final DomainName DOMAIN = DomainName.of("customer.example");
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final VerifiedRecipientStore store = new MemoryVerifiedRecipientStore();
    private final Set<DomainName> knownDown = ConcurrentHashMap.newKeySet();
    private final LoopbackSmtpServer customer;
    private final RecipientCallout callout;
    private final RecipientVerifier verifier;

    RecipientVerifierTest() throws Exception {
        customer = new LoopbackSmtpServer();
        callout = new RecipientCallout(UnstartedDeliveryEngine.resolver(clock),
            new LocalIdentity("mx.test.example", Set.of()), OutboundTls.settingOnly(), Timeouts.PROBE);
        verifier = new RecipientVerifier(store, callout::ask, knownDown::contains,
            new VerifySettings(Duration.ofDays(31), Duration.ofDays(3), TIMEOUT, 4), clock);
    }

    @AfterEach
    void stop() throws Exception {
        customer.close();
    }

    private HostedDomain domain(Destination destination) {
        return HostedDomain.holding(DOMAIN, ServiceKind.BACKUP,
            HoldPolicy.builder().destination(destination).verifyRecipients(true).build());
    }

    private RecipientVerdict verify(HostedDomain domain, String recipient) {
        return verifier.verify(domain, address(recipient)).join();
    }

    private long rcptsSeen() {
        return customer.commands().stream().filter(command -> command.startsWith("RCPT")).count();
    }

    @Test
    void anAddressTheServerTakesIsAcceptedAndRememberedForAMonth() {
        RecipientVerdict verdict = verify(domain(customer.destination()), "Alice@customer.example");

        assertThat(verdict.kind()).isEqualTo(Kind.ACCEPTED);
        assertThat(verdict.remembered()).isFalse();
        assertThat(customer.commands()).containsExactly("EHLO mx.test.example", "MAIL FROM:<>", "RCPT TO:<Alice@customer.example>",
            "RSET", "QUIT");
        assertThat(store.get(DOMAIN, "alice@customer.example", clock.instant().plus(Duration.ofDays(31)).minusSeconds(1))).isPresent();

        RecipientVerdict again = verify(domain(customer.destination()), "alice@customer.example");
        assertThat(again.kind()).isEqualTo(Kind.ACCEPTED);
        assertThat(again.remembered()).isTrue();
        assertThat(rcptsSeen()).isEqualTo(1);
    }

    @Test
    void anAddressTheServerRefusesIsRefusedWithItsTextAndRememberedForThreeDays() {
        customer.replyTo("nobody@customer.example", "550 5.1.1 <nobody@customer.example>: User unknown in local recipient table");

        RecipientVerdict verdict = verify(domain(customer.destination()), "nobody@customer.example");

        assertThat(verdict.kind()).isEqualTo(Kind.REFUSED);
        assertThat(verdict.reply()).isEqualTo("550 5.1.1 <nobody@customer.example>: User unknown in local recipient table");
        assertThat(verify(domain(customer.destination()), "nobody@customer.example").remembered()).isTrue();

        clock.advance(Duration.ofDays(3));
        customer.replyTo("nobody@customer.example", "250 2.1.5 ok now");
        assertThat(verify(domain(customer.destination()), "nobody@customer.example").kind()).isEqualTo(Kind.ACCEPTED);
        assertThat(rcptsSeen()).isEqualTo(2);
    }

    @Test
    void aTemporaryRefusalIsUnknownAndNotRemembered() {
        customer.replyTo("busy@customer.example", "450 4.2.1 mailbox busy");

        RecipientVerdict verdict = verify(domain(customer.destination()), "busy@customer.example");

        assertThat(verdict.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(verdict.reply()).contains("450 4.2.1 mailbox busy");
        assertThat(store.list(DOMAIN, clock.instant())).isEmpty();
    }

    @Test
    void aServerThatIsDownLeavesTheAddressUnknownButARememberedRefusalStillCounts() throws Exception {
        Destination down = LoopbackSmtpServer.closedPort();

        assertThat(verify(domain(down), "alice@customer.example").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(store.list(DOMAIN, clock.instant())).isEmpty();

        customer.replyTo("nobody@customer.example", "550 5.1.1 no such user");
        verify(domain(customer.destination()), "nobody@customer.example");
        RecipientVerdict whileDown = verify(domain(down), "nobody@customer.example");
        assertThat(whileDown.kind()).isEqualTo(Kind.REFUSED);
        assertThat(whileDown.remembered()).isTrue();
    }

    @Test
    void aSlowServerLeavesTheAddressUnknownWithinTheTimeLimitAndItsAnswerIsRememberedForNextTime() throws Exception {
        customer.answerRcptAfter(TIMEOUT.multipliedBy(3));
        customer.replyTo("nobody@customer.example", "550 5.1.1 no such user");

        long start = System.nanoTime();
        RecipientVerdict verdict = verify(domain(customer.destination()), "nobody@customer.example");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(verdict.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(verdict.reply()).contains("no answer within");
        assertThat(waited).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusMillis(400));
        assertThat(awaitRemembered("nobody@customer.example")).hasValueSatisfying(answer -> assertThat(answer.accepted()).isFalse());
        assertThat(verify(domain(customer.destination()), "nobody@customer.example").kind()).isEqualTo(Kind.REFUSED);
    }

    @Test
    void concurrentQuestionsAboutOneAddressAreAskedOnce() {
        customer.answerRcptAfter(Duration.ofMillis(200));
        HostedDomain domain = domain(customer.destination());

        List<CompletableFuture<RecipientVerdict>> verdicts = IntStream.range(0, 8)
            .mapToObj(i -> verifier.verify(domain, address("alice@customer.example"))).collect(Collectors.toList());

        assertThat(verdicts.stream().map(CompletableFuture::join).map(RecipientVerdict::kind)).containsOnly(Kind.ACCEPTED);
        assertThat(rcptsSeen()).isEqualTo(1);
    }

    @Test
    void aPausedDomainsServerIsNotAsked() {
        HostedDomain paused = HostedDomain.holding(DOMAIN, ServiceKind.BACKUP,
            domain(customer.destination()).holdPolicy().orElseThrow().toBuilder().paused(true).build());

        assertThat(verify(paused, "alice@customer.example").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(customer.commands()).isEmpty();
    }

    @Test
    void pastTheConcurrentQuestionsAnAddressIsUnknownAtOnce() {
        RecipientVerifier oneAtATime = new RecipientVerifier(store, callout::ask, knownDown::contains,
            new VerifySettings(Duration.ofDays(31), Duration.ofDays(3), TIMEOUT, 1), clock);
        customer.answerRcptAfter(Duration.ofMillis(300));
        HostedDomain domain = domain(customer.destination());

        CompletableFuture<RecipientVerdict> first = oneAtATime.verify(domain, address("alice@customer.example"));
        RecipientVerdict second = oneAtATime.verify(domain, address("bob@customer.example")).join();

        assertThat(second.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(second.reply()).contains("verify.maxConcurrent");
        assertThat(first.join().kind()).isEqualTo(Kind.ACCEPTED);
    }

    @Test
    void aServerTheDeliveryEngineKnowsToBeDownIsNotAsked() {
        customer.replyTo("nobody@customer.example", "550 5.1.1 no such user");
        knownDown.add(DOMAIN);

        RecipientVerdict verdict = verify(domain(customer.destination()), "alice@customer.example");

        assertThat(verdict.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(verdict.reply()).isEqualTo("the server of customer.example is down");
        assertThat(customer.commands()).isEmpty();
    }

    private Optional<VerifiedRecipient> awaitRemembered(String address) throws InterruptedException {
        long due = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<VerifiedRecipient> answer = store.get(DOMAIN, address, clock.instant());
        while (answer.isEmpty() && System.nanoTime() < due) {
            Thread.sleep(20);
            answer = store.get(DOMAIN, address, clock.instant());
        }
        return answer;
    }
}
