package org.mxsuite.it.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** {@code GET /trace} over WebAdmin, waiting for events the recorder writes a moment after the step. */
public final class TraceSearch {
    private TraceSearch() {
    }

    public static JsonPath search(Map<String, ?> parameters) {
        return given().queryParams(parameters).get("/trace").then().statusCode(200).extract().jsonPath();
    }

    /** The events the search finds once it finds at least {@code count}, newest first. */
    public static List<Map<String, Object>> await(Map<String, ?> parameters, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Map<String, Object>> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            events = search(parameters).getList("events");
            if (events.size() >= count) {
                return events;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trace " + parameters + ": " + events.size() + " event(s), expected " + count + ": " + events);
    }
}
