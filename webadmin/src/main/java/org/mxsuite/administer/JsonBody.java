package org.mxsuite.administer;

import static org.mxsuite.administer.AdminErrors.invalid;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.InvalidSettingException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Request bodies of the suite's routes: one JSON object of known fields, read strictly (400 with the reason). */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** The body as an object (an empty body is an empty object); an unknown field is refused, naming the known ones. */
    static JsonNode object(String body, Set<String> fields) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                throw invalid("unknown field '" + field + "'; expected " + String.join(", ", new TreeSet<>(fields)));
            }
        });
        return json;
    }

    /** A string field, empty when absent or null. */
    static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    /** A non-empty array of domain names, as {@code domains} fields take them. */
    static Set<DomainName> domains(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("domains must be a non-empty array of domain names");
        }
        Set<DomainName> domains = new LinkedHashSet<>();
        for (JsonNode domain : node) {
            if (!domain.isTextual()) {
                throw invalid("domains must be a non-empty array of domain names");
            }
            domains.add(domain(domain.asText()));
        }
        return domains;
    }

    static DomainName domain(String raw) {
        try {
            return DomainName.of(raw);
        } catch (InvalidSettingException e) {
            throw invalid(e.getMessage());
        }
    }
}
