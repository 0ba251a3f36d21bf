package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code /hosted-domains} over real HTTP on the in-process James server. */
@SharesTheServer
class HostedDomainRoutesTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @AfterEach
    void removeDomains() {
        for (String domain : given().get("/hosted-domains").jsonPath().<String>getList("domain")) {
            given().delete("/hosted-domains/" + domain).then().statusCode(204);
        }
    }

    @Test
    void putThenGetReturnsTheDomainWithItsDefaults() {
        given().contentType(ContentType.JSON).body("{\"service\":\"backup\"}")
            .put("/hosted-domains/Example.COM")
            .then().statusCode(204);

        given().get("/hosted-domains/example.com")
            .then().statusCode(200)
            .contentType(ContentType.JSON)
            .body("domain", equalTo("example.com"))
            .body("service", equalTo("backup"))
            .body("retryInterval", equalTo("10m"))
            .body("retention", equalTo("14d"))
            .body("quotaMessages", equalTo(100000))
            .body("quotaBytes", equalTo(1073741824))
            .body("paused", is(false))
            .body("tls", equalTo("opportunistic"));
    }

    @Test
    void putReplacesTheWholeDomain() {
        given().body("{\"service\":\"relay\",\"destination\":\"mx.customer.example:2525\",\"paused\":true}")
            .put("/hosted-domains/example.com").then().statusCode(204);
        given().body("{\"service\":\"relay\",\"destination\":\"mx.customer.example:2526\"}")
            .put("/hosted-domains/example.com").then().statusCode(204);

        given().get("/hosted-domains/example.com")
            .then().statusCode(200)
            .body("destination", equalTo("mx.customer.example:2526"))
            .body("paused", is(false));
    }

    @Test
    void listShowsEveryDomainInNameOrder() {
        given().body("{\"service\":\"mailbox\"}").put("/hosted-domains/b.example").then().statusCode(204);
        given().body("{\"service\":\"forward\",\"forwardTo\":\"owner@elsewhere.example\"}").put("/hosted-domains/a.example").then().statusCode(204);

        given().get("/hosted-domains")
            .then().statusCode(200)
            .body("", hasSize(2))
            .body("[0].domain", equalTo("a.example"))
            .body("[0].service", equalTo("forward"))
            .body("[1].domain", equalTo("b.example"));
    }

    @Test
    void getOfADomainNotHostedIs404() {
        isNotFound(given().get("/hosted-domains/nowhere.example"), "nowhere.example is not a hosted domain");
    }

    /** WebAdmin's 404: {@code {"statusCode": 404, "type": "notFound", "message": ...}}. */
    private static void isNotFound(Response response, String message) {
        response.then().statusCode(404)
            .body("statusCode", equalTo(404))
            .body("type", equalTo("notFound"))
            .body("message", equalTo(message));
    }

    @Test
    void theQueueOfADomainNeitherHostedNorHoldingMailIs404() {
        String unknown = "never-hosted.example is not a hosted domain and holds no mail";
        isNotFound(given().get("/hosted-domains/never-hosted.example/queue"), unknown);
        isNotFound(given().post("/hosted-domains/never-hosted.example/queue?action=flush"), unknown);
        isNotFound(given().delete("/hosted-domains/never-hosted.example/queue/" + java.util.UUID.randomUUID()), unknown);
    }

    @Test
    void aDomainNotHostedIsNeverProbed() {
        // a probe would connect to a stranger's MX and say MAIL FROM:<> and RCPT TO:<postmaster@...> to it
        isNotFound(given().post("/hosted-domains/never-hosted.example/probe"), "never-hosted.example is not a hosted domain");
    }

    @Test
    void aDomainWhoseServiceHoldsNoMailHasNoQueueAndNoDestinationToProbe() {
        given().body("{\"service\":\"mailbox\"}").put("/hosted-domains/example.com").then().statusCode(204);

        given().get("/hosted-domains/example.com/queue").then().statusCode(409).body("type", equalTo("WrongState"));
        given().post("/hosted-domains/example.com/probe")
            .then().statusCode(409)
            .body("type", equalTo("WrongState"))
            .body("message", equalTo("example.com has service mailbox: only a backup or relay domain has a destination to probe"));
    }

    @Test
    void deleteRemovesTheDomain() {
        given().body("{\"service\":\"backup\"}").put("/hosted-domains/example.com").then().statusCode(204);

        given().delete("/hosted-domains/example.com").then().statusCode(204);

        given().get("/hosted-domains/example.com").then().statusCode(404);
        given().delete("/hosted-domains/example.com").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"service\":\"smtp\"}",
        "{\"service\":\"backup\"",
        "",
        "{\"service\":\"backup\",\"quotaMessages\":-5}",
        "{\"service\":\"backup\",\"retryInterval\":\"0m\"}",
        "{\"service\":\"backup\",\"quotaBytes\":\"9999999TiB\"}",
        "{\"service\":\"relay\"}",
        "{\"service\":\"backup\",\"destinaton\":\"mx.example.net:25\"}",
        "{\"service\":\"relay\",\"destination\":\"[abc]:25\"}",
        "{\"service\":\"backup\",\"recipients\":[]}"
    })
    void invalidInputIs400AndChangesNothing(String body) {
        given().body("{\"service\":\"backup\",\"quotaMessages\":7}").put("/hosted-domains/example.com").then().statusCode(204);

        given().body(body).put("/hosted-domains/example.com")
            .then().statusCode(400)
            .contentType(ContentType.JSON)
            .body("statusCode", equalTo(400))
            .body("type", equalTo("InvalidArgument"));

        given().get("/hosted-domains/example.com")
            .then().statusCode(200)
            .body("service", equalTo("backup"))
            .body("quotaMessages", equalTo(7));
    }

    @Test
    void aFormEncodedBodyIs415WithTheReason() {
        // refused by CrossSiteRequestGuard before the route, which would find the body parsed away as form fields
        given().contentType(ContentType.URLENC).body("{\"service\":\"backup\"}")
            .put("/hosted-domains/example.com")
            .then().statusCode(415)
            .body("message", equalTo("a request with a body must have Content-Type: application/json "
                + "(was 'application/x-www-form-urlencoded; charset=ISO-8859-1')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "exa_mple.com", "-bad.example", "1.2.3.4"})
    void malformedDomainIs400(String domain) {
        given().body("{\"service\":\"backup\"}").put("/hosted-domains/" + domain)
            .then().statusCode(400)
            .body("type", equalTo("InvalidArgument"));

        given().get("/hosted-domains").then().body("", hasSize(0));
    }
}
