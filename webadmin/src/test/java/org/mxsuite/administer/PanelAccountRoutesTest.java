package org.mxsuite.administer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.administer.testing.RoutesServer;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.panel.MemoryPanelAccountStore;
import org.mxsuite.panel.PanelAccount;
import org.mxsuite.panel.PanelAccountName;
import org.mxsuite.panel.PanelAccountStore;
import org.mxsuite.panel.PanelAccounts;
import org.mxsuite.panel.PanelRole;
import org.mxsuite.relay.PasswordHash;

class PanelAccountRoutesTest {
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");
    private static final PanelAccountName ANNE = PanelAccountName.of("anne@a.example.net");
    /** Hashed once: each hash costs what it costs a guesser. */
    private static final PasswordHash SECRET = PasswordHash.of("long enough secret");

    private final PanelAccountStore accounts = new MemoryPanelAccountStore();
    private final MemoryHostedDomainStore domains = new MemoryHostedDomainStore();

    @RegisterExtension
    final RoutesServer routes = RoutesServer.serving(() -> new PanelAccountRoutes(new PanelAccounts(accounts, domains)));

    PanelAccountRoutesTest() {
        domains.put(HostedDomain.of(A, ServiceKind.BACKUP));
        domains.put(HostedDomain.of(B, ServiceKind.MAILBOX));
    }

    @Test
    void theFirstOperatorIsMadeOverWebAdminWithAPasswordOfItsOwn() {
        routes.given().body("{\"role\":\"operator\",\"password\":\"long enough secret\"}").put("/panel-accounts/root")
            .then().statusCode(201);

        PanelAccount root = accounts.get(PanelAccountName.of("root")).orElseThrow();
        assertThat(root.role()).isEqualTo(PanelRole.OPERATOR);
        assertThat(root.password().matches("long enough secret")).isTrue();
        assertThat(root.mayAct(A)).isTrue();
    }

    @Test
    void anOwnerOwnsHostedDomainsOnlyAndIsUpdatedInPart() {
        routes.given().body("{\"role\":\"owner\",\"password\":\"long enough secret\",\"domains\":[\"A.example.net\"]}")
            .put("/panel-accounts/Anne@a.example.net").then().statusCode(201);
        routes.given().body("{\"domains\":[\"a.example.net\",\"b.example.net\"]}").put("/panel-accounts/anne@a.example.net")
            .then().statusCode(204);

        PanelAccount anne = accounts.get(ANNE).orElseThrow();
        assertThat(anne.domains()).containsExactly(A, B);
        assertThat(anne.password().matches("long enough secret")).as("kept").isTrue();
        assertThat(anne.mayAct(DomainName.of("c.example.net"))).isFalse();
        routes.given().get("/panel-accounts/anne@a.example.net").then().statusCode(200)
            .body("name", equalTo("anne@a.example.net")).body("role", equalTo("owner"))
            .body("domains", org.hamcrest.Matchers.contains("a.example.net", "b.example.net"))
            .body(not(containsString("pbkdf2")));
        routes.given().get("/panel-accounts").then().statusCode(200).body("name", org.hamcrest.Matchers.contains("anne@a.example.net"))
            .body(not(containsString("pbkdf2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"role\":\"owner\",\"domains\":[\"c.example.net\"]}", "{\"role\":\"king\"}",
        "{\"role\":\"operator\",\"domains\":[\"a.example.net\"]}", "{\"password\":\"short\"}", "{\"role\":\"owner\",\"domains\":[]}",
        "{\"domains\":[\"not a domain\"]}", "{\"hash\":\"x\"}", "{\"role\":"})
    void invalidSettingsAreRefusedAndLeaveTheAccountAsItWas(String body) {
        PanelAccount before = new PanelAccount(ANNE, PanelRole.OWNER, SECRET, Set.of(A));
        accounts.put(before);

        routes.given().body(body).put("/panel-accounts/anne@a.example.net").then().statusCode(400);

        assertThat(accounts.get(ANNE)).contains(before);
    }

    @Test
    void creatingNeedsARoleAndAPasswordAndAnOwnerItsDomains() {
        routes.given().body("{\"password\":\"long enough secret\"}").put("/panel-accounts/new").then().statusCode(400)
            .body("message", equalTo("role is required to create panel account new"));
        routes.given().body("{\"role\":\"operator\"}").put("/panel-accounts/new").then().statusCode(400)
            .body("message", equalTo("password is required to create panel account new"));
        routes.given().body("{\"role\":\"owner\",\"password\":\"long enough secret\"}").put("/panel-accounts/new").then().statusCode(400)
            .body("message", equalTo("domains is required for an owner account"));
        routes.given().body("{\"role\":\"owner\",\"password\":\"long enough secret\",\"domains\":[\"c.example.net\"]}")
            .put("/panel-accounts/new").then().statusCode(400).body("message", equalTo("domain c.example.net is not hosted here"));
        routes.given().body("{\"role\":\"operator\"}").put("/panel-accounts/-bad-").then().statusCode(400);
        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void aDeletedAccountIsGoneAndAnUnknownOneIs404() {
        accounts.put(new PanelAccount(ANNE, PanelRole.OWNER, SECRET, Set.of(A)));

        routes.given().delete("/panel-accounts/anne@a.example.net").then().statusCode(204);
        routes.given().delete("/panel-accounts/anne@a.example.net").then().statusCode(404);
        routes.given().get("/panel-accounts/anne@a.example.net").then().statusCode(404);
    }
}
