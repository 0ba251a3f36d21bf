package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import org.apache.james.webadmin.Routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Service;

/**
 * Refuses, before James's own {@code PUT /users/{user}} route sees it, a password that every protocol could not carry
 * (longer than {@value #MAX_LENGTH} characters, or with control characters that break IMAP's quoted strings and SMTP's
 * lines): James would store it, and its user could never log in. The user, and any password it had, stay as they
 * were. James's route answers everything else (unknown domain, malformed name, existing user).
 */
public class UserPasswordRules implements Routes {
    static final int MAX_LENGTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String getBasePath() {
        return "/users";
    }

    @Override
    public void define(Service service) {
        service.before("/users/:username", (request, response) -> {
            if ("PUT".equals(request.requestMethod())) {
                check(request);
            }
        });
    }

    private static void check(Request request) {
        JsonNode password;
        try {
            JsonNode body = JSON.readTree(request.body());
            password = body == null ? null : body.get("password");
        } catch (JsonProcessingException e) {
            return;  // James's route refuses a body that is not JSON
        }
        if (password == null || !password.isTextual()) {
            return;
        }
        String text = password.asText();
        if (text.length() > MAX_LENGTH) {
            throw invalid("the password is " + text.length() + " characters long; at most " + MAX_LENGTH);
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("the password contains a control character (line break, tab, NUL...)");
        }
    }
}
