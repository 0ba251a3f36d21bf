package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.dkim.DkimKey;
import org.mxsuite.dkim.DkimKeyGenerator;
import org.mxsuite.dkim.DkimKeyStore;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.dkim.MemoryDkimKeyStore;
import org.mxsuite.dkim.PrivateKeys;
import org.mxsuite.domain.DomainName;
import org.mxsuite.testing.MutableClock;

import io.restassured.response.ValidatableResponse;

class DkimRoutesTest {
    private static final DomainName SHOP = DomainName.of("shop.example.net");
    private static final String PATH = "/hosted-domains/shop.example.net/dkim";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final Set<String> served = new HashSet<>();
    private final DkimKeyStore store = new MemoryDkimKeyStore();
    private final DkimKeys keys = new DkimKeys(store, new DkimKeyGenerator(),
        key -> served.contains(key.recordName()) ? DkimKeys.Publication.SERVED : DkimKeys.Publication.NOT_SERVED, clock);
    /** Every answer's body, to look for private keys in. */
    private final List<String> answers = new ArrayList<>();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new DkimRoutes(keys));

    @Test
    void rsaByDefaultWithTheRecordToPublish() {
        ValidatableResponse created = post(PATH, "").statusCode(201)
            .body("domain", equalTo("shop.example.net"))
            .body("keys", hasSize(1))
            .body("keys[0].selector", equalTo("rsa20261205"))
            .body("keys[0].algorithm", equalTo("rsa"))
            .body("keys[0].state", equalTo("pending"))
            .body("keys[0].created", equalTo("2026-12-05T10:00:00Z"))
            .body("keys[0].servedByDns", equalTo(false))
            .body("keys[0].record.name", equalTo("rsa20261205._domainkey.shop.example.net"))
            .body("keys[0].record.type", equalTo("TXT"))
            .body("keys[0].record.value", containsString("v=DKIM1; k=rsa; p=MIIBIjAN"));
        assertThat(created.extract().path("keys[0].record.value").toString()).isEqualTo(store.keys(SHOP).get(0).recordValue());
        assertNoPrivateKeyAnswered();
    }

    @Test
    void readingMovesSigningToAKeyOnceDnsServesIt() {
        post(PATH, "{\"algorithm\":\"both\"}").statusCode(201).body("keys.algorithm", equalTo(List.of("rsa", "ed25519")));
        get(PATH).body("keys.state", equalTo(List.of("pending", "pending"))).body("keys.servedByDns", equalTo(List.of(false, false)));

        served.add("ed20261205._domainkey.shop.example.net");
        get(PATH).body("keys.find { it.selector == 'ed20261205' }.state", equalTo("active"))
            .body("keys.find { it.selector == 'ed20261205' }.servedByDns", equalTo(true))
            .body("keys.find { it.selector == 'ed20261205' }.record.value", containsString("v=DKIM1; k=ed25519; p="))
            .body("keys.find { it.selector == 'rsa20261205' }.state", equalTo("pending"));
        assertThat(keys.signingKeys(SHOP)).extracting(DkimKey::selector).containsExactly("ed20261205");
        assertNoPrivateKeyAnswered();
    }

    @Test
    void aRotationKeepsTheOldKeyPublishedForTheGracePeriod() {
        post(PATH, "{\"algorithm\":\"ed25519\"}").statusCode(201);
        post(PATH + "/ed20261205/activate", "").statusCode(200).body("state", equalTo("active"));
        clock.advance(java.time.Duration.ofDays(1));

        post(PATH + "/rotate", "").statusCode(201).body("keys.selector", equalTo(List.of("ed20261206")))
            .body("keys[0].state", equalTo("pending"));
        post(PATH + "/rotate", "").statusCode(409).body("message", containsString("ed20261206 of shop.example.net is pending"));
        post(PATH + "/ed20261206/activate", "").statusCode(200);

        get(PATH).body("keys.state", equalTo(List.of("retired", "active")))
            .body("keys[0].keepPublishedUntil", equalTo("2027-01-05T10:00:00Z"));
        assertNoPrivateKeyAnswered();
    }

    @Test
    void aKeyIsDeleted() {
        post(PATH, "{\"algorithm\":\"rsa\"}").statusCode(201);

        routes.given().delete(PATH + "/rsa20261205").then().statusCode(204);
        routes.given().delete(PATH + "/rsa20261205").then().statusCode(404).body("message", containsString("no DKIM key rsa20261205"));
        get(PATH).body("keys", hasSize(0));
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        post(PATH, "{\"algorithm\":\"dsa\"}").statusCode(400).body("message", containsString("algorithm must be 'rsa', 'ed25519' or 'both'"));
        post(PATH, "{\"algorithm\":\"rsa\",\"bits\":4096}").statusCode(400).body("message", containsString("unknown field 'bits'"));
        post(PATH, "{\"algorithm\":25519}").statusCode(400).body("message", containsString("algorithm must be a string"));
        post("/hosted-domains/not_a_domain!/dkim", "").statusCode(400).body("message", containsString("domain"));
        post(PATH + "/rotate", "").statusCode(409).body("message", containsString("no key to rotate"));
        post(PATH + "/nosuch/activate", "").statusCode(404);
        assertThat(store.keys(SHOP)).isEmpty();

        post(PATH, "").statusCode(201);
        post(PATH, "{\"algorithm\":\"ed25519\"}").statusCode(409).body("message", containsString("rotate"));
        assertThat(store.keys(SHOP)).hasSize(1);
    }

    private ValidatableResponse post(String path, String body) {
        return record(routes.given().body(body).post(path).then());
    }

    private ValidatableResponse get(String path) {
        return record(routes.given().get(path).then().statusCode(200));
    }

    private ValidatableResponse record(ValidatableResponse response) {
        answers.add(response.extract().asString());
        return response;
    }

    private void assertNoPrivateKeyAnswered() {
        assertThat(store.keys(SHOP)).isNotEmpty().allSatisfy(key -> assertThat(answers)
            .noneMatch(answer -> answer.contains(PrivateKeys.base64(key)) || answer.contains(PrivateKeys.base64(key).substring(0, 40))));
        assertThat(answers).noneMatch(answer -> answer.toLowerCase().contains("private"));
    }
}
