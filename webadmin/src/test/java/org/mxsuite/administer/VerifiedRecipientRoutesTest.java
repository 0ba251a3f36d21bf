package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.verify.MemoryVerifiedRecipientStore;
import org.mxsuite.verify.VerifiedRecipient;
import org.mxsuite.verify.VerifiedRecipientStore;

class VerifiedRecipientRoutesTest {
    private static final DomainName BACKUP = DomainName.of("backup.example");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final VerifiedRecipientStore answers = new MemoryVerifiedRecipientStore();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new VerifiedRecipientRoutes(domains, answers, clock));

    VerifiedRecipientRoutesTest() {
        domains.put(HostedDomain.holding(BACKUP, ServiceKind.BACKUP, HoldPolicy.builder().verifyRecipients(true).build()));
        answers.put(new VerifiedRecipient(BACKUP, "alice@backup.example", true, "250 2.1.5 ok", NOW, NOW.plus(Duration.ofDays(31))));
        answers.put(new VerifiedRecipient(BACKUP, "nobody@backup.example", false, "550 5.1.1 User unknown", NOW,
            NOW.plus(Duration.ofDays(3))));
    }

    @Test
    void theRememberedAnswersAreListedByAddress() {
        routes.given().get("/hosted-domains/backup.example/verified-recipients").then().statusCode(200)
            .body("$", hasSize(2))
            .body("[0].address", equalTo("alice@backup.example")).body("[0].verdict", equalTo("accepted"))
            .body("[1].address", equalTo("nobody@backup.example")).body("[1].verdict", equalTo("refused"))
            .body("[1].reply", equalTo("550 5.1.1 User unknown"))
            .body("[1].verified", equalTo("2026-12-05T10:00:00Z")).body("[1].expires", equalTo("2026-12-08T10:00:00Z"));

        clock.advance(Duration.ofDays(3));
        routes.given().get("/hosted-domains/backup.example/verified-recipients").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void oneAddressIsForgottenWhateverItsCase() {
        routes.given().delete("/hosted-domains/backup.example/verified-recipients/Nobody@Backup.example").then().statusCode(204);

        assertThat(answers.list(BACKUP, NOW)).extracting(VerifiedRecipient::address).containsExactly("alice@backup.example");
        routes.given().delete("/hosted-domains/backup.example/verified-recipients/nobody@backup.example").then().statusCode(404);
    }

    @Test
    void allOfADomainsAnswersAreForgotten() {
        routes.given().delete("/hosted-domains/backup.example/verified-recipients").then().statusCode(204);

        assertThat(answers.list(BACKUP, NOW)).isEmpty();
    }

    @Test
    void anAddressOfAnotherDomainOrNoAddressIsRefusedAndNothingIsForgotten() {
        routes.given().delete("/hosted-domains/backup.example/verified-recipients/alice@other.example").then().statusCode(400)
            .body("type", equalTo("InvalidArgument"));
        routes.given().delete("/hosted-domains/backup.example/verified-recipients/not an address").then().statusCode(400);

        assertThat(answers.list(BACKUP, NOW)).hasSize(2);
    }

    @Test
    void aDomainThatIsNotHostedIsNotFound() {
        routes.given().get("/hosted-domains/other.example/verified-recipients").then().statusCode(404);
        routes.given().delete("/hosted-domains/other.example/verified-recipients").then().statusCode(404);
        routes.given().get("/hosted-domains/not_a_domain!/verified-recipients").then().statusCode(400);
    }
}
