package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossSiteRequestPolicyTest {
    private final CrossSiteRequestPolicy policy = new CrossSiteRequestPolicy("127.0.0.1", Set.of("admin.example.net"), Optional.empty());

    private static CrossSiteRequestPolicy.Request request(String method, String host, String origin, String referer,
                                                          String contentType, boolean hasBody) {
        return new CrossSiteRequestPolicy.Request(method, "http", host, origin, referer, contentType, hasBody);
    }

    private Optional<Integer> status(CrossSiteRequestPolicy.Request request) {
        return policy.check(request).map(refusal -> refusal.status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "192.0.2.7", "admin.example.net:8000", "127.0.0.1"})
    void addressesLocalhostAndListedNamesAreThisServersHosts(String host) {
        assertThat(status(request("GET", host, null, null, null, false))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebind.attacker.example:8000", "localhost.attacker.example", "127.0.0.1.nip.io:8000", "example"})
    void anyOtherNameIsARebindingAttempt(String host) {
        assertThat(status(request("GET", host, null, null, null, false))).contains(421);
    }

    @Test
    void aClientThatSendsNoHostIsNoBrowser() {
        assertThat(status(request("POST", null, null, null, null, false))).isEmpty();
    }

    @Test
    void theConfiguredHostIsAllowedUnlessItIsAWildcard() {
        CrossSiteRequestPolicy named = new CrossSiteRequestPolicy("mx.example.net", Set.of(), Optional.empty());
        CrossSiteRequestPolicy wildcard = new CrossSiteRequestPolicy("0.0.0.0", Set.of(), Optional.empty());

        assertThat(named.check(request("GET", "mx.example.net:8000", null, null, null, false))).isEmpty();
        assertThat(wildcard.check(request("GET", "mx.example.net:8000", null, null, null, false))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://localhost:3000", "https://127.0.0.1:8000", "null", "file://", "not a url"})
    void anOriginOtherThanOursIsRefusedWhateverTheMethod(String origin) {
        assertThat(status(request("GET", "127.0.0.1:8000", origin, null, null, false))).contains(403);
        assertThat(status(request("OPTIONS", "127.0.0.1:8000", origin, null, null, false))).contains(403);
        assertThat(status(request("POST", "127.0.0.1:8000", origin, null, null, false))).contains(403);
    }

    @Test
    void ourOwnOriginPasses() {
        assertThat(status(request("PUT", "127.0.0.1:8000", "http://127.0.0.1:8000", null, "application/json", true))).isEmpty();
        assertThat(status(request("DELETE", "localhost", "http://LOCALHOST:80", null, null, false))).isEmpty();
    }

    @Test
    void withoutOriginAForeignRefererRefusesAChangeButNotARead() {
        assertThat(status(request("POST", "127.0.0.1:8000", null, "http://evil.example/page.html", null, false))).contains(403);
        assertThat(status(request("GET", "127.0.0.1:8000", null, "http://evil.example/page.html", null, false))).isEmpty();
        assertThat(status(request("POST", "127.0.0.1:8000", null, "http://127.0.0.1:8000/x", null, false))).isEmpty();
    }

    @Test
    void theEnabledCorsOriginPasses() {
        CrossSiteRequestPolicy cors = new CrossSiteRequestPolicy("127.0.0.1", Set.of(), Optional.of("https://console.example"));

        assertThat(cors.check(request("POST", "127.0.0.1:8000", "https://console.example", null, null, false))).isEmpty();
        assertThat(cors.check(request("POST", "127.0.0.1:8000", "https://other.example", null, null, false))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"})
    void aChangeWithAnotherContentTypeIsRefusedEvenWithoutBody(String contentType) {
        assertThat(status(request("POST", "127.0.0.1:8000", null, null, contentType, false))).contains(415);
        assertThat(status(request("PUT", "127.0.0.1:8000", null, null, contentType, true))).contains(415);
    }

    @Test
    void aBodyWithoutContentTypeIsRefused() {
        assertThat(status(request("PUT", "127.0.0.1:8000", null, null, null, true))).contains(415);
    }

    @Test
    void jsonAndBodilessChangesPass() {
        assertThat(status(request("PUT", "127.0.0.1:8000", null, null, "application/json; charset=UTF-8", true))).isEmpty();
    }

    @Test
    void aSieveScriptIsUploadedAsItIsButNotFromAnotherSiteNorAsAForm() {
        CrossSiteRequestPolicy.Request upload = new CrossSiteRequestPolicy.Request("PUT", "/sieve/alice@example.com/scripts/main",
            "http", "127.0.0.1:8000", null, null, "application/x-www-form-urlencoded", true);
        CrossSiteRequestPolicy.Request fromAnotherSite = new CrossSiteRequestPolicy.Request("PUT", "/sieve/alice@example.com/scripts/main",
            "http", "127.0.0.1:8000", "https://evil.example", null, "text/plain", true);
        CrossSiteRequestPolicy.Request postedAsForm = new CrossSiteRequestPolicy.Request("POST", "/sieve/alice@example.com/scripts/main",
            "http", "127.0.0.1:8000", null, null, "application/x-www-form-urlencoded", true);

        assertThat(status(upload)).isEmpty();
        assertThat(status(fromAnotherSite)).contains(403);
        assertThat(status(postedAsForm)).contains(415);
        assertThat(status(request("POST", "127.0.0.1:8000", null, null, null, false))).isEmpty();
    }

    @Test
    void readsAreNotAskedForAContentType() {
        assertThat(status(request("GET", "127.0.0.1:8000", null, null, "text/plain", false))).isEmpty();
    }
}
