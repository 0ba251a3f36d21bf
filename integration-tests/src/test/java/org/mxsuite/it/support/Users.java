package org.mxsuite.it.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** James's users over WebAdmin (its {@code /users} routes), through the server's rest-assured set-up. */
public final class Users {
    private Users() {
    }

    /** PUT /users/{address} with this password, which must be taken (204). */
    public static void putUser(String address, String password) {
        put(address, password).statusCode(204);
    }

    /** The user exists: made now (204), or kept from an earlier test of the class (409, its password unchanged). */
    public static void ensureUser(String address, String password) {
        put(address, password).statusCode(oneOf(204, 409));
    }

    private static ValidatableResponse put(String address, String password) {
        return given().contentType(ContentType.JSON).body("{\"password\":\"" + password + "\"}").put("/users/" + address).then();
    }
}
