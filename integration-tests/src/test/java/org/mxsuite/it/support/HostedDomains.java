package org.mxsuite.it.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.restassured.http.ContentType;

/** The hosted domains and their queues over WebAdmin (rest-assured's {@code given()}, set up by the server). */
public final class HostedDomains {
    private HostedDomains() {
    }

    /** PUT /hosted-domains/{domain} with these settings, which must be taken (204). */
    public static void putDomain(String domain, String json) {
        given().contentType(ContentType.JSON).body(json).put("/hosted-domains/" + domain).then().statusCode(204);
    }

    /** Drops held mail and domains until none is left (a DSN may be held while we clean up; a domain that holds
     * mail cannot be deleted). */
    public static void removeAllDomains() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> domains;
        while (!(domains = given().get("/hosted-domains").jsonPath().<String>getList("domain")).isEmpty()) {
            assertThat(Instant.now()).as("hosted domains left: %s", domains).isBefore(deadline);
            for (String domain : domains) {
                // forward and mailbox domains hold no mail: their queue is a 409 without items
                List<String> held = given().get("/hosted-domains/" + domain + "/queue").jsonPath().getList("items.id");
                for (String id : held == null ? List.<String>of() : held) {
                    given().delete("/hosted-domains/" + domain + "/queue/" + id);
                }
                given().delete("/hosted-domains/" + domain);
            }
            Thread.sleep(50);
        }
    }

    /** The id of the first message the domain's queue lists. */
    public static String firstHeldId(String domain) {
        return given().get("/hosted-domains/" + domain + "/queue").jsonPath().getString("items[0].id");
    }

    public static void awaitQueueSize(String domain, int size) throws InterruptedException {
        awaitQueue(domain, "messages", size);
    }

    /** Waits until the first held message has been tried exactly this many times. */
    public static void awaitAttempts(String domain, int attempts) throws InterruptedException {
        awaitQueue(domain, "items[0].attempts", attempts);
    }

    private static void awaitQueue(String domain, String path, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        Object actual = null;
        while (Instant.now().isBefore(deadline)) {
            actual = given().get("/hosted-domains/" + domain + "/queue").jsonPath().get(path);
            if (Integer.valueOf(expected).equals(actual)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("queue of " + domain + ": " + path + " is " + actual + ", expected " + expected);
    }
}
