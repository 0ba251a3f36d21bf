package org.mxsuite.deliver.tls.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A domain's MTA-STS policy, as served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 section
 * 3.2): its mode, the MX host patterns mail may go to, and how long it may be cached.
 */
public final class MtaStsPolicy {
    /** One year, the most RFC 8461 allows. */
    public static final long MAX_AGE_LIMIT = 31_557_600L;
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");
    private static final Pattern MX_PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");

    private final MtaStsMode mode;
    private final List<String> mx;
    private final Duration maxAge;

    MtaStsPolicy(MtaStsMode mode, List<String> mx, Duration maxAge) {
        this.mode = mode;
        this.mx = List.copyOf(mx);
        this.maxAge = maxAge;
    }

    /**
     * The policy of a policy file's text: {@code key: value} lines (CRLF or LF); {@code version: STSv1}, {@code mode}
     * and {@code max_age} once each (a repeated one counts at its first occurrence), {@code mx} as many times as there
     * are patterns (at least once unless the mode is none); fields of other names ignored, as the RFC asks, so that
     * later versions can add some.
     */
    public static MtaStsPolicy parse(String text) throws InvalidPolicyException {
        Map<String, String> single = new HashMap<>();
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidPolicyException("not a key: value line: '" + shorten(line) + "'");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if ("mx".equals(key)) {
                mx.add(pattern(value));
            } else {
                single.putIfAbsent(key, value);
            }
        }
        if (!"STSv1".equals(single.get("version"))) {
            throw new InvalidPolicyException("version is " + Optional.ofNullable(single.get("version")).map(v -> "'" + shorten(v) + "'")
                .orElse("missing") + ", not STSv1");
        }
        MtaStsMode mode = MtaStsMode.parse(Optional.ofNullable(single.get("mode")).orElse(""))
            .orElseThrow(() -> new InvalidPolicyException("mode is not enforce, testing or none"));
        if (mx.isEmpty() && mode != MtaStsMode.NONE) {
            throw new InvalidPolicyException("no mx in a policy of mode " + mode.wireName());
        }
        return new MtaStsPolicy(mode, mx, maxAge(single.get("max_age")));
    }

    private static String pattern(String value) throws InvalidPolicyException {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!MX_PATTERN.matcher(lower).matches()) {
            throw new InvalidPolicyException("mx '" + shorten(value) + "' is not a host name nor *. and a host name");
        }
        return withoutTrailingDot(lower);
    }

    private static Duration maxAge(String value) throws InvalidPolicyException {
        if (value == null || !MAX_AGE.matcher(value).matches()) {
            throw new InvalidPolicyException("max_age is missing or not a number of seconds");
        }
        long seconds = Long.parseLong(value);
        if (seconds > MAX_AGE_LIMIT) {
            throw new InvalidPolicyException("max_age " + seconds + " is over " + MAX_AGE_LIMIT + " (one year)");
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Whether {@code mxHost} matches one of the policy's {@code mx} patterns: the same name, or for a pattern
     * {@code *.example.com} a name of exactly one more label at the left ({@code mx1.example.com}, not
     * {@code a.b.example.com} nor {@code example.com}).
     */
    public boolean lists(String mxHost) {
        String host = withoutTrailingDot(mxHost.toLowerCase(Locale.ROOT));
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (pattern.equals(host)) {
                return true;
            }
        }
        return false;
    }

    public MtaStsMode mode() {
        return mode;
    }

    public List<String> mx() {
        return mx;
    }

    public Duration maxAge() {
        return maxAge;
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    @Override
    public String toString() {
        return "mode " + mode.wireName() + ", mx " + String.join(" ", mx) + ", max_age " + maxAge.getSeconds();
    }
}
