package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.JamesMailboxDomains;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.verify.MemoryVerifiedRecipientStore;
import org.mxsuite.verify.VerifiedRecipient;
import org.mxsuite.verify.VerifiedRecipientStore;

class HostedDomainRoutesTest {
    private static final DomainName EXAMPLE = DomainName.of("example.com");

    private final HostedDomainStore store = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue();
    private final JamesMailboxDomains james = new JamesMailboxDomains();
    private final VerifiedRecipientStore answers = new MemoryVerifiedRecipientStore();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new HostedDomainRoutes(store, queue, james.mailboxDomains(), answers));

    @Test
    void aDomainPutIsStoredAndShown() {
        routes.given().body("{\"service\":\"backup\",\"destination\":\"mx.example.com:2525\"}")
            .put("/hosted-domains/Example.COM").then().statusCode(204);

        assertThat(store.get(EXAMPLE)).map(HostedDomain::service).contains(ServiceKind.BACKUP);
        routes.given().get("/hosted-domains/example.com").then().statusCode(200)
            .body("service", equalTo("backup")).body("destination", equalTo("mx.example.com:2525"));
    }

    @Test
    void theListShowsEveryDomainByName() {
        store.put(HostedDomain.of(DomainName.of("zed.example"), ServiceKind.BACKUP));
        store.put(HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX));

        routes.given().get("/hosted-domains").then().statusCode(200)
            .body("domain", equalTo(List.of("example.com", "zed.example")))
            .body("service", equalTo(List.of("mailbox", "backup")));
    }

    @Test
    void aDomainNotHostedIsNotFound() {
        routes.given().get("/hosted-domains/example.com").then().statusCode(404).body("type", equalTo("notFound"));
        routes.given().delete("/hosted-domains/example.com").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"service\":",
        "[]",
        "{\"service\":\"backup\",\"colour\":\"red\"}",
        "{\"service\":\"teleport\"}",
        "{\"service\":\"backup\",\"quotaMessages\":-1}",
        "{\"service\":\"backup\",\"retryInterval\":\"99999d\"}",
        "{\"service\":\"backup\",\"verifyRecipients\":\"yes\"}",
        "{\"service\":\"backup\",\"verifyRecipients\":-1}",
        "{\"service\":\"backup\",\"verifyRecipient\":true}",
        "{\"service\":\"forward\",\"forwardTo\":\"a@b.example\",\"verifyRecipients\":true}"})
    void invalidSettingsAreRefusedAndChangeNothing(String body) {
        HostedDomain before = HostedDomain.of(EXAMPLE, ServiceKind.BACKUP);
        store.put(before);

        routes.given().body(body).put("/hosted-domains/example.com").then().statusCode(400)
            .body("type", equalTo("InvalidArgument"));

        assertThat(store.list()).containsExactly(before);
    }

    @Test
    void aNameThatIsNoDomainIsRefused() {
        routes.given().body("{\"service\":\"backup\"}").put("/hosted-domains/not_a..domain").then().statusCode(400);

        assertThat(store.list()).isEmpty();
    }

    @Test
    void deleteStopsHosting() {
        store.put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));

        routes.given().delete("/hosted-domains/example.com").then().statusCode(204);

        assertThat(store.list()).isEmpty();
    }

    /** They were what the old destination answered. */
    @Test
    void whatVerificationRememberedIsForgottenWithTheDomainOrItsDestination() {
        routes.given().body("{\"service\":\"backup\",\"destination\":\"mx1.example.com\",\"verifyRecipients\":true}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        rememberAnAnswer();

        routes.given().body("{\"service\":\"backup\",\"destination\":\"mx1.example.com\",\"verifyRecipients\":true,"
            + "\"retryInterval\":\"5m\"}").put("/hosted-domains/example.com").then().statusCode(204);
        assertThat(answers.list(EXAMPLE, Instant.EPOCH)).as("same destination: kept").hasSize(1);

        routes.given().body("{\"service\":\"backup\",\"destination\":\"mx2.example.com\",\"verifyRecipients\":true}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        assertThat(answers.list(EXAMPLE, Instant.EPOCH)).as("another destination").isEmpty();

        rememberAnAnswer();
        routes.given().delete("/hosted-domains/example.com").then().statusCode(204);
        assertThat(answers.list(EXAMPLE, Instant.EPOCH)).as("no longer hosted").isEmpty();
    }

    private void rememberAnAnswer() {
        answers.put(new VerifiedRecipient(EXAMPLE, "nobody@example.com", false, "550 5.1.1 no such user", Instant.EPOCH,
            Instant.EPOCH.plus(Duration.ofDays(3))));
    }

    @Test
    void aDomainThatHoldsMailIsNeitherDeletedNorTurnedIntoAServiceThatHoldsNone() throws Exception {
        store.put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));
        queue.hold(EXAMPLE, MaybeSender.nullSender(), List.of(new MailAddress("a@example.com")),
            new ByteArrayInputStream("Subject: held\r\n\r\n".getBytes()));

        routes.given().delete("/hosted-domains/example.com").then().statusCode(409)
            .body("message", containsString("holds 1 message"));
        routes.given().body("{\"service\":\"mailbox\"}").put("/hosted-domains/example.com").then().statusCode(409);

        assertThat(store.get(EXAMPLE)).map(HostedDomain::service).contains(ServiceKind.BACKUP);
    }

    @Test
    void aMailboxDomainIsOneOfJamesDomainsForAsLongAsItIsOne() throws Exception {
        routes.given().body("{\"service\":\"mailbox\"}").put("/hosted-domains/example.com").then().statusCode(204);
        assertThat(james.isJamesDomain("example.com")).isTrue();

        routes.given().body("{\"service\":\"backup\"}").put("/hosted-domains/example.com").then().statusCode(204);
        assertThat(james.isJamesDomain("example.com")).isFalse();
    }

    @Test
    void aMailboxDomainWithUsersStays() throws Exception {
        routes.given().body("{\"service\":\"mailbox\"}").put("/hosted-domains/example.com").then().statusCode(204);
        james.addUser("alice@example.com");

        routes.given().delete("/hosted-domains/example.com").then().statusCode(409)
            .body("message", containsString("alice@example.com"));
        routes.given().body("{\"service\":\"backup\"}").put("/hosted-domains/example.com").then().statusCode(409);

        assertThat(store.get(EXAMPLE)).map(HostedDomain::service).contains(ServiceKind.MAILBOX);
        assertThat(james.isJamesDomain("example.com")).isTrue();
    }
}
