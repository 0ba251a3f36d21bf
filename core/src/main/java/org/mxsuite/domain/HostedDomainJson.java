package org.mxsuite.domain;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a hosted domain, the same over REST and in the state store. Parsing is strict: an unknown
 * field, a wrong type or a value out of range is an {@link InvalidSettingException}, so that a typo never
 * silently falls back to a default.
 */
public final class HostedDomainJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> COMMON_FIELDS = Set.of("domain", "service");
    private static final Set<String> CHECK_FIELDS = java.util.Arrays.stream(InboundCheck.values())
        .map(InboundCheck::field).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> LIMIT_FIELDS = java.util.Arrays.stream(TrafficLimit.values())
        .map(TrafficLimit::field).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> FORWARD_FIELDS = Set.of("forwardTo", "addresses", "reject");
    private static final int MAX_FORWARD_ENTRIES = 10_000;
    private static final String NEVER = "never";
    /** Reads one setting of a backup or relay domain into the policy being built, if the JSON gives it. */
    @FunctionalInterface
    private interface HoldSettingReader {
        void read(ObjectNode node, String field, DomainName domain, boolean stored, HoldPolicy.Builder policy);
    }

    /** Writes one setting of a backup or relay domain. */
    @FunctionalInterface
    private interface HoldSettingWriter {
        void write(HoldPolicy policy, String field, ObjectNode node);
    }

    /** A setting of backup and relay domains: its field, read and written here only (a left-out field keeps its default). */
    private static final class HoldSetting {
        final String field;
        final HoldSettingReader reader;
        final HoldSettingWriter writer;

        HoldSetting(String field, HoldSettingReader reader, HoldSettingWriter writer) {
            this.field = field;
            this.reader = reader;
            this.writer = writer;
        }
    }

    /** Every setting of backup and relay domains, in the order they are read (first error wins) and written. */
    private static final List<HoldSetting> HOLD_SETTINGS = List.of(
        new HoldSetting("destination",
            (node, field, domain, stored, policy) -> optionalText(node, field)
                .map(raw -> stored ? Destination.parseStored(raw) : Destination.parse(raw)).ifPresent(policy::destination),
            (policy, field, node) -> policy.destination().ifPresent(destination -> node.put(field, destination.asString()))),
        new HoldSetting("retryInterval",
            (node, field, domain, stored, policy) -> optionalText(node, field)
                .map(raw -> Durations.parseWithin(field, raw, HoldPolicy.MIN_RETRY_INTERVAL, HoldPolicy.MAX_RETRY_INTERVAL))
                .ifPresent(policy::retryInterval),
            (policy, field, node) -> node.put(field, Durations.format(policy.retryInterval()))),
        new HoldSetting("retention",
            (node, field, domain, stored, policy) -> optionalText(node, field).map(HostedDomainJson::parseRetention)
                .ifPresent(policy::retention),
            (policy, field, node) -> node.put(field, policy.retention().map(Durations::format).orElse(NEVER))),
        new HoldSetting("quotaMessages",
            (node, field, domain, stored, policy) -> optionalLong(node, field, 1, HoldPolicy.MAX_QUOTA_MESSAGES)
                .ifPresent(policy::quotaMessages),
            (policy, field, node) -> node.put(field, policy.quotaMessages())),
        new HoldSetting("quotaBytes",
            (node, field, domain, stored, policy) -> optionalSize(node, field).ifPresent(policy::quotaBytes),
            (policy, field, node) -> node.put(field, policy.quotaBytes())),
        new HoldSetting("paused",
            (node, field, domain, stored, policy) -> optionalBoolean(node, field).ifPresent(policy::paused),
            (policy, field, node) -> node.put(field, policy.paused())),
        new HoldSetting("tls",
            (node, field, domain, stored, policy) -> optionalText(node, field).map(TlsPolicy::parse).ifPresent(policy::tls),
            (policy, field, node) -> node.put(field, policy.tls().wireName())),
        new HoldSetting("tlsName",
            (node, field, domain, stored, policy) -> policy.tlsName(optionalText(node, field).map(TlsSettings::name)),
            (policy, field, node) -> policy.tlsName().ifPresent(name -> node.put(field, name))),
        new HoldSetting("tlsCaFile",
            (node, field, domain, stored, policy) -> policy.tlsCaFile(
                optionalText(node, field).map(raw -> stored ? raw : TlsSettings.caFile(raw))),
            (policy, field, node) -> policy.tlsCaFile().ifPresent(file -> node.put(field, file))),
        new HoldSetting("tlsFingerprints",
            (node, field, domain, stored, policy) -> policy.tlsFingerprints(parseFingerprints(node, field)),
            (policy, field, node) -> {
                if (!policy.tlsFingerprints().isEmpty()) {
                    ArrayNode array = node.putArray(field);
                    new TreeSet<>(policy.tlsFingerprints()).forEach(array::add);
                }
            }),
        new HoldSetting("recipients",
            (node, field, domain, stored, policy) -> Optional.ofNullable(node.get(field))
                .filter(value -> !value.isNull())
                .map(value -> parseRecipients(domain, value, stored))
                .ifPresent(policy::recipients),
            (policy, field, node) -> policy.recipients().ifPresent(recipients -> {
                ArrayNode array = node.putArray(field);
                new LinkedHashSet<>(recipients).forEach(array::add);
            })),
        new HoldSetting("maxConnections",
            (node, field, domain, stored, policy) -> policy.maxConnections(
                optionalLong(node, field, 1, HoldPolicy.MAX_CONNECTIONS).map(Long::intValue)),
            (policy, field, node) -> policy.maxConnections().ifPresent(connections -> node.put(field, connections))),
        new HoldSetting("maxRate",
            (node, field, domain, stored, policy) -> policy.maxRate(optionalRate(node, field)),
            (policy, field, node) -> policy.maxRate().ifPresent(rate -> node.put(field, rate))),
        new HoldSetting("verifyRecipients",
            (node, field, domain, stored, policy) -> optionalBoolean(node, field).ifPresent(policy::verifyRecipients),
            (policy, field, node) -> node.put(field, policy.verifyRecipients())));
    private static final Set<String> HOLD_FIELDS = HOLD_SETTINGS.stream().map(setting -> setting.field)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@\"<>()\\[\\],;:\\\\]{1,64}");
    private static final int MAX_RECIPIENTS = 100_000;

    private HostedDomainJson() {
    }

    /** A domain as a PUT gives it. */
    public static HostedDomain parse(DomainName name, String json) {
        return parse(name, json, false);
    }

    /**
     * A domain as the state store keeps it: as {@link #parse}, except that what earlier versions took and this one
     * refuses as input (an empty {@code recipients} list, a {@code destination} with no address in its brackets) is
     * read as they read it, so that an upgrade never makes a stored domain unreadable. A PUT of it gets the reason.
     */
    public static HostedDomain parseStored(DomainName name, String json) {
        return parse(name, json, true);
    }

    private static HostedDomain parse(DomainName name, String json, boolean stored) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingException("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSettingException("body must be a JSON object");
        }
        return parse(name, (ObjectNode) node, stored);
    }

    public static HostedDomain parse(DomainName name, ObjectNode node) {
        return parse(name, node, false);
    }

    private static HostedDomain parse(DomainName name, ObjectNode node, boolean stored) {
        JsonNode domainField = node.get("domain");
        if (domainField != null && !(domainField.isTextual() && DomainName.of(domainField.asText()).equals(name))) {
            throw new InvalidSettingException("field 'domain' does not match the domain of the URL (" + name + ")");
        }
        ServiceKind service = ServiceKind.parse(requiredText(node, "service"));
        rejectUnknownFields(node, service);
        HostedDomain domain = service.holdsMail() ? HostedDomain.holding(name, service, parseHoldPolicy(name, node, stored))
            : service == ServiceKind.FORWARD ? HostedDomain.forwarding(name, parseForwardPolicy(name, node))
            : HostedDomain.of(name, service);
        return domain.withChecks(parseChecks(node)).withLimits(parseLimits(node));
    }

    private static TrafficLimits parseLimits(ObjectNode node) {
        TrafficLimits limits = TrafficLimits.NONE;
        for (TrafficLimit limit : TrafficLimit.values()) {
            Optional<Long> value = limit.countsBytes() ? optionalSize(node, limit.field(), limit.min(), limit.max())
                : optionalLong(node, limit.field(), limit.min(), limit.max());
            limits = limits.with(limit, value.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()));
        }
        return limits;
    }

    private static InboundChecks parseChecks(ObjectNode node) {
        InboundChecks checks = InboundChecks.ALL;
        for (InboundCheck check : InboundCheck.values()) {
            checks = checks.with(check, optionalBoolean(node, check.field()).orElse(true));
        }
        return checks;
    }

    private static void rejectUnknownFields(ObjectNode node, ServiceKind service) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (COMMON_FIELDS.contains(field) || CHECK_FIELDS.contains(field) || LIMIT_FIELDS.contains(field)) {
                continue;
            }
            if (HOLD_FIELDS.contains(field)) {
                if (!service.holdsMail()) {
                    throw new InvalidSettingException("field '" + field + "' does not apply to service " + service.wireName());
                }
                continue;
            }
            if (FORWARD_FIELDS.contains(field)) {
                if (service != ServiceKind.FORWARD) {
                    throw new InvalidSettingException("field '" + field + "' does not apply to service " + service.wireName());
                }
                continue;
            }
            throw new InvalidSettingException("unknown field '" + field + "'");
        }
    }

    private static HoldPolicy parseHoldPolicy(DomainName name, ObjectNode node, boolean stored) {
        HoldPolicy.Builder policy = HoldPolicy.builder();
        for (HoldSetting setting : HOLD_SETTINGS) {
            setting.reader.read(node, setting.field, name, stored, policy);
        }
        return policy.build();
    }

    private static ForwardPolicy parseForwardPolicy(DomainName name, ObjectNode node) {
        MailAddress forwardTo = address("forwardTo", requiredText(node, "forwardTo"));
        Map<String, MailAddress> addresses = new TreeMap<>();
        JsonNode routes = node.get("addresses");
        if (routes != null && !routes.isNull()) {
            if (!routes.isObject() || routes.size() > MAX_FORWARD_ENTRIES) {
                throw new InvalidSettingException("field 'addresses' must be an object of local part to address, at most "
                    + MAX_FORWARD_ENTRIES + " entries");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = routes.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getValue().isTextual()) {
                    throw new InvalidSettingException("field 'addresses': the target of '" + entry.getKey() + "' must be an address");
                }
                MailAddress target = address("addresses." + entry.getKey(), entry.getValue().asText());
                if (target.getDomain().asString().equalsIgnoreCase(name.asString())) {
                    throw new InvalidSettingException("field 'addresses': " + target.asString() + " is an address of " + name
                        + " itself: mail would loop");
                }
                addresses.put(localPartOf(name, entry.getKey()), target);
            }
        }
        Set<String> reject = new TreeSet<>();
        JsonNode refused = node.get("reject");
        if (refused != null && !refused.isNull()) {
            if (!refused.isArray() || refused.size() > MAX_FORWARD_ENTRIES) {
                throw new InvalidSettingException("field 'reject' must be an array of local parts, at most " + MAX_FORWARD_ENTRIES);
            }
            for (JsonNode entry : refused) {
                if (!entry.isTextual()) {
                    throw new InvalidSettingException("field 'reject' must only hold strings");
                }
                reject.add(localPartOf(name, entry.asText()));
            }
        }
        return new ForwardPolicy(forwardTo, addresses, reject);
    }

    private static MailAddress address(String field, String raw) {
        try {
            MailAddress address = new MailAddress(raw.trim());
            DomainName.of(address.getDomain().asString());
            return address;
        } catch (javax.mail.internet.AddressException | InvalidSettingException e) {
            throw new InvalidSettingException("field '" + field + "': '" + raw + "' is not an email address");
        }
    }

    private static Optional<Duration> parseRetention(String raw) {
        if (NEVER.equals(raw)) {
            return Optional.empty();
        }
        return Optional.of(Durations.parseWithin("retention", raw, HoldPolicy.MIN_RETENTION, HoldPolicy.MAX_RETENTION));
    }

    private static Set<String> parseRecipients(DomainName domain, JsonNode field, boolean stored) {
        if (!field.isArray()) {
            throw new InvalidSettingException("field 'recipients' must be an array of local parts or addresses");
        }
        if (field.isEmpty() && !stored) {
            // it would refuse every address at RCPT with 550 5.1.1: all the domain's mail returned to its senders
            throw new InvalidSettingException("field 'recipients' must name at least one address; omit it to accept every address"
                + " of the domain");
        }
        if (field.size() > MAX_RECIPIENTS) {
            throw new InvalidSettingException("field 'recipients' has more than " + MAX_RECIPIENTS + " entries");
        }
        Set<String> recipients = new TreeSet<>();
        for (JsonNode entry : field) {
            if (!entry.isTextual()) {
                throw new InvalidSettingException("field 'recipients' must only hold strings");
            }
            recipients.add(localPartOf(domain, entry.asText()));
        }
        return recipients;
    }

    /** Full addresses must be of this domain; they are kept as their local part, lower-cased. */
    private static String localPartOf(DomainName domain, String raw) {
        String value = raw.trim();
        int at = value.lastIndexOf('@');
        String localPart = value;
        if (at >= 0) {
            if (!DomainName.of(value.substring(at + 1)).equals(domain)) {
                throw new InvalidSettingException("recipient '" + raw + "' is not an address of " + domain);
            }
            localPart = value.substring(0, at);
        }
        if (!LOCAL_PART.matcher(localPart).matches()) {
            throw new InvalidSettingException("recipient '" + raw + "' is not a valid local part");
        }
        return localPart.toLowerCase(Locale.ROOT);
    }

    private static String requiredText(ObjectNode node, String field) {
        return optionalText(node, field)
            .orElseThrow(() -> new InvalidSettingException("field '" + field + "' is required"));
    }

    private static Set<String> parseFingerprints(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new InvalidSettingException("field '" + field + "' must be an array of SHA-256 fingerprints");
        }
        Set<String> fingerprints = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidSettingException("field '" + field + "' must be an array of strings");
            }
            fingerprints.add(TlsSettings.fingerprint(item.asText()));
        }
        if (fingerprints.size() > 16) {
            throw new InvalidSettingException("field '" + field + "' holds more than 16 fingerprints");
        }
        return fingerprints;
    }

    private static Optional<String> optionalText(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidSettingException("field '" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Boolean> optionalBoolean(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new InvalidSettingException("field '" + field + "' must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    private static Optional<Long> optionalLong(ObjectNode node, String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidSettingException("field '" + field + "' must be a whole number");
        }
        return Optional.of(within(field, value.longValue(), min, max));
    }

    /** Messages per second, a number (fractions allowed: 0.5 is one every 2 s). */
    private static Optional<Double> optionalRate(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new InvalidSettingException("field '" + field + "' must be a number of messages per second");
        }
        double rate = value.doubleValue();
        if (!(rate >= HoldPolicy.MIN_RATE && rate <= HoldPolicy.MAX_RATE)) {
            throw new InvalidSettingException("field '" + field + "' must be between " + HoldPolicy.MIN_RATE + " and "
                + HoldPolicy.MAX_RATE + " messages per second, was " + value.asText());
        }
        return Optional.of(rate);
    }

    /** A byte count, as a number or a string with a unit ({@code "500MiB"}, {@code "1GB"}). */
    private static Optional<Long> optionalSize(ObjectNode node, String field) {
        return optionalSize(node, field, HoldPolicy.MIN_QUOTA_BYTES, HoldPolicy.MAX_QUOTA_BYTES);
    }

    private static Optional<Long> optionalSize(ObjectNode node, String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(within(field, value.longValue(), min, max));
        }
        long bytes = ByteSizes.parse("field '" + field + "'", value.isTextual() ? value.asText() : "");
        return Optional.of(within(field, bytes, min, max));
    }

    private static long within(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingException("field '" + field + "' must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static ObjectNode toJson(HostedDomain domain) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("domain", domain.name().asString());
        node.put("service", domain.service().wireName());
        domain.holdPolicy().ifPresent(policy -> HOLD_SETTINGS.forEach(setting -> setting.writer.write(policy, setting.field, node)));
        domain.forwardPolicy().ifPresent(policy -> {
            node.put("forwardTo", policy.forwardTo().asString());
            ObjectNode addresses = node.putObject("addresses");
            policy.addresses().forEach((localPart, target) -> addresses.put(localPart, target.asString()));
            ArrayNode reject = node.putArray("reject");
            policy.reject().forEach(reject::add);
        });
        for (InboundCheck check : InboundCheck.values()) {
            node.put(check.field(), domain.checks().isOn(check));
        }
        for (TrafficLimit limit : TrafficLimit.values()) {
            domain.limits().get(limit).ifPresent(value -> node.put(limit.field(), value));
        }
        return node;
    }

    public static String toJsonString(HostedDomain domain) {
        return toJson(domain).toString();
    }
}
