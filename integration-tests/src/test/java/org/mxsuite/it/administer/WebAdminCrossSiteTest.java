package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.MxSuiteServer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * WebAdmin of {@code ./mxsuite start} (127.0.0.1, no authentication) against what a web page the administrator visits
 * could make the browser send: a page of another site (its Origin or Referer), a form, and DNS rebinding (a Host
 * name of the attacker's). Real HTTP on the in-process server; James's own routes are guarded like the suite's.
 */
class WebAdminCrossSiteTest {
    private static final String EVIL = "http://evil.example";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.webadmin.allowedhosts", "admin.example.net"));

    private static RequestSpecification webAdmin() {
        return given().baseUri("http://127.0.0.1").port(server.webAdminPort());
    }

    private String own() {
        return "http://127.0.0.1:" + server.webAdminPort();
    }

    @AfterEach
    void removeDomains() {
        for (String domain : webAdmin().get("/hosted-domains").jsonPath().<String>getList("domain")) {
            webAdmin().delete("/hosted-domains/" + domain).then().statusCode(204);
        }
    }

    private void hostBackup(String domain) {
        webAdmin().contentType(ContentType.JSON).body("{\"service\":\"backup\",\"destination\":\"[127.0.0.1]:1\"}")
            .put("/hosted-domains/" + domain).then().statusCode(204);
    }

    @Test
    void aChangeFromAnotherSitesPageIsRefusedAndChangesNothing() {
        webAdmin().header("Origin", EVIL).contentType(ContentType.JSON).body("{\"service\":\"backup\"}")
            .put("/hosted-domains/csrf.example")
            .then().statusCode(403)
            .contentType(ContentType.JSON)
            .body("statusCode", equalTo(403))
            .body("type", equalTo("InvalidArgument"))
            .body("message", containsString("evil.example"));

        webAdmin().get("/hosted-domains/csrf.example").then().statusCode(404);
    }

    @Test
    void theBodilessPostsCannotBeTriggeredFromAnotherSite() throws Exception {
        hostBackup("held.example");

        webAdmin().header("Origin", EVIL).post("/hosted-domains/held.example/queue?action=flush").then().statusCode(403);
        webAdmin().header("Origin", EVIL).post("/hosted-domains/held.example/probe").then().statusCode(403);
        // an old browser, or a policy that drops Origin, still sends the page as Referer
        webAdmin().header("Referer", EVIL + "/page.html").post("/hosted-domains/held.example/queue?action=flush")
            .then().statusCode(403);
        // the origin "null" of a sandboxed frame is another site too
        webAdmin().header("Origin", "null").post("/hosted-domains/held.example/queue?action=flush").then().statusCode(403);

        // the same requests from the administrator's own tools pass: curl -XPOST (no content type, no body), and JSON
        assertThat(postWithoutContentType("/hosted-domains/held.example/queue?action=flush")).isEqualTo(202);
        webAdmin().contentType(ContentType.JSON).post("/hosted-domains/held.example/queue?action=flush").then().statusCode(202);
        webAdmin().header("Origin", own()).post("/hosted-domains/held.example/queue?action=flush").then().statusCode(202);
    }

    /** A POST as curl -XPOST sends it (rest-assured always adds a content type). */
    private int postWithoutContentType(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(own() + path)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.request().headers().firstValue("Content-Type")).isEmpty();
        return response.statusCode();
    }

    @Test
    void aFormPostIsRefused() {
        hostBackup("form.example");

        // what <form method=post> sends: a form content type, with or without fields, and no Origin in old browsers
        webAdmin().contentType(ContentType.URLENC).body("action=flush")
            .post("/hosted-domains/form.example/queue?action=flush")
            .then().statusCode(415).body("message", containsString("application/json"));
        webAdmin().contentType("text/plain").body("{\"service\":\"backup\"}")
            .put("/hosted-domains/form.example").then().statusCode(415);
        webAdmin().contentType(ContentType.URLENC).post("/hosted-domains/form.example/probe").then().statusCode(415);
    }

    @Test
    void jamesOwnRoutesAreGuardedToo() {
        webAdmin().header("Origin", EVIL).contentType(ContentType.JSON).body("{\"password\":\"secret\"}")
            .put("/users/intruder@localhost").then().statusCode(403);
        webAdmin().header("Origin", EVIL).put("/domains/intruder.example").then().statusCode(403);
        webAdmin().header("Host", "rebind.attacker.example:" + server.webAdminPort()).get("/users").then().statusCode(421);

        webAdmin().get("/domains/intruder.example").then().statusCode(404);
    }

    @Test
    void aReboundNameIsRefusedEvenForReads() {
        String rebound = "rebind.attacker.example:" + server.webAdminPort();

        webAdmin().header("Host", rebound).get("/hosted-domains")
            .then().statusCode(421)
            .body("statusCode", equalTo(421))
            .body("message", containsString("rebind.attacker.example"));
        // same origin as far as the browser knows: the Host alone gives it away
        webAdmin().header("Host", rebound).header("Origin", "http://" + rebound).contentType(ContentType.JSON)
            .body("{\"service\":\"backup\"}").put("/hosted-domains/rebind.example").then().statusCode(421);
        webAdmin().get("/hosted-domains/rebind.example").then().statusCode(404);
    }

    @Test
    void addressesLocalhostAndTheListedNameAreAccepted() {
        webAdmin().header("Host", "localhost:" + server.webAdminPort()).get("/healthcheck").then().statusCode(200);
        webAdmin().header("Host", "[::1]:" + server.webAdminPort()).get("/hosted-domains").then().statusCode(200);
        webAdmin().header("Host", "admin.example.net").get("/hosted-domains").then().statusCode(200);
    }

    @Test
    void anotherSiteCanNeitherReadNorPassAPreflight() {
        // James 3.8.1 answers every request with Access-Control-Allow-Origin: *, which let any page read WebAdmin
        webAdmin().header("Origin", EVIL).get("/hosted-domains")
            .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        webAdmin().header("Origin", EVIL).header("Access-Control-Request-Method", "PUT")
            .options("/hosted-domains/preflight.example").then().statusCode(403);

        String allowOrigin = webAdmin().get("/hosted-domains").then().statusCode(200).extract().header("Access-Control-Allow-Origin");
        assertThat(allowOrigin).isNull();
    }
}
