package org.mxsuite.it.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** James's users over WebAdmin (its {@code /users} routes), through the server's rest-assured set-up. */
public final class Users {
    private Users() {
    }

    /** PUT /users/{address} with this password, which must be taken (204). */
    public static void putUser(String address, String password) {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + password + "\"}").put("/users/" + address).then().statusCode(204);
    }
}
