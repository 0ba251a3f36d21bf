package org.mxsuite.it.administer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.HostedDomains;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.SharesTheServer;

/** The control panel's accounts over the running server's WebAdmin, kept in its state store. */
@SharesTheServer
class PanelAccountsTest {
    @RegisterExtension
    static MxSuiteServer server = MxSuiteServer.shared();

    @AfterEach
    void cleanUp() throws Exception {
        given().delete("/panel-accounts/root");
        given().delete("/panel-accounts/anne@owner.example");
        HostedDomains.removeAllDomains();
    }

    @Test
    void anOperatorAndTheOwnerOfAHostedDomainAreMadeReadAndRemoved() {
        putDomain("owned.example", "{\"service\":\"backup\"}");

        given().body("{\"role\":\"operator\",\"password\":\"a long secret\"}").put("/panel-accounts/root").then().statusCode(201);
        given().body("{\"role\":\"owner\",\"password\":\"a long secret\",\"domains\":[\"owned.example\"]}")
            .put("/panel-accounts/anne@owner.example").then().statusCode(201);
        given().body("{\"role\":\"owner\",\"password\":\"a long secret\",\"domains\":[\"elsewhere.example\"]}")
            .put("/panel-accounts/bob").then().statusCode(400).body("message", equalTo("domain elsewhere.example is not hosted here"));

        given().get("/panel-accounts").then().statusCode(200)
            .body("name", contains("anne@owner.example", "root"))
            .body("role", contains("owner", "operator"))
            .body(not(containsString("pbkdf2")));
        given().delete("/panel-accounts/anne@owner.example").then().statusCode(204);
        given().get("/panel-accounts/anne@owner.example").then().statusCode(404);
    }
}
