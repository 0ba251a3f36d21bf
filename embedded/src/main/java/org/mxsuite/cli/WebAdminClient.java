package org.mxsuite.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The operator commands' only way to the server: its WebAdmin, as curl would use it. */
final class WebAdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server answered. */
    static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        JsonNode json() throws CliException {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CliException("the server answered " + status + " with something that is not JSON: " + body);
            }
        }
    }

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebAdminClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    Answer get(String path) throws CliException {
        return send("GET", path, Optional.empty());
    }

    Answer put(String path, JsonNode body) throws CliException {
        return send("PUT", path, Optional.of(body));
    }

    Answer post(String path) throws CliException {
        return send("POST", path, Optional.empty());
    }

    Answer delete(String path) throws CliException {
        return send("DELETE", path, Optional.empty());
    }

    /** Answers with a 2xx status, or the server's own error message as the failure. */
    Answer expect(Answer answer, String what) throws CliException {
        if (answer.status / 100 == 2) {
            return answer;
        }
        String message = answer.body;
        try {
            JsonNode error = JSON.readTree(answer.body);
            if (error != null && error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (IOException notJson) {
            // the body as it came
        }
        throw new CliException(what + ": " + (message == null || message.isBlank() ? "the server answered " + answer.status : message)
            + " (" + answer.status + ")");
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(String method, String path, Optional<JsonNode> body) throws CliException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        token.ifPresent(jwt -> request.header("Authorization", "Bearer " + jwt));
        if (body.isPresent()) {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.get().toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException refused) {
            throw new CliException("no server answers at " + base + ": is it running (./mxsuite start)? "
                + "MXSUITE_WEBADMIN_URL or MXSUITE_WEBADMIN_PORT say where its WebAdmin listens");
        } catch (IOException e) {
            throw new CliException("cannot reach the server at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
