package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import org.apache.james.webadmin.Routes;
import org.mxsuite.domain.MailboxPasswordRule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;
import spark.Service;

/**
 * Refuses, before James's own {@code PUT /users/{user}} route sees it, a password that every protocol could not carry
 * (longer than {@value MailboxPasswordRule#MAX_LENGTH} characters, or with control characters that break IMAP's quoted strings and SMTP's
 * lines): James would store it, and its user could never log in. The user, and any password it had, stay as they
 * were. James's route answers everything else (unknown domain, malformed name, existing user).
 */
public class UserPasswordRules implements Routes {
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
        MailboxPasswordRule.problem(password.asText()).ifPresent(problem -> {
            throw invalid(problem);
        });
    }
}
