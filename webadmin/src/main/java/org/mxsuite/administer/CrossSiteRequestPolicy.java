package org.mxsuite.administer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which WebAdmin requests a web browser may have been tricked into sending, and are therefore refused. WebAdmin has
 * no authentication by default (it listens on loopback): any web page the administrator visits could otherwise
 * send it requests, and read the answers since James allows every origin (CORS) unless told otherwise.
 * <ul>
 * <li>Host (DNS rebinding: a name the attacker controls now resolving to 127.0.0.1): an address, {@code localhost},
 * WebAdmin's configured host, or a name listed by the administrator.</li>
 * <li>Origin, on any request (cross-site reads and writes), and Referer when a request that changes something has no
 * Origin: this server's own origin, or the CORS origin the administrator enabled.</li>
 * <li>A request that changes something and has a body or a content type says {@code application/json}: an HTML
 * form can send neither that type nor any body without one of the types a form sends. James's sieve script upload,
 * a PUT whose body is the script, is the one exception.</li>
 * </ul>
 * Requests without Origin, Referer or Host (curl, scripts) are not browsers' and pass.
 */
final class CrossSiteRequestPolicy {
    /** Why a request is refused, as the status and message it is answered with. */
    static final class Refusal {
        final int status;
        final String message;

        Refusal(int status, String message) {
            this.status = status;
            this.message = message;
        }

        @Override
        public String toString() {
            return status + " " + message;
        }
    }

    /** What the policy looks at in a request. */
    static final class Request {
        final String method;
        final String scheme;
        final Optional<String> host;
        final Optional<String> origin;
        final Optional<String> referer;
        final Optional<String> contentType;
        final boolean hasBody;
        final String path;

        Request(String method, String scheme, String host, String origin, String referer, String contentType, boolean hasBody) {
            this(method, "/", scheme, host, origin, referer, contentType, hasBody);
        }

        Request(String method, String path, String scheme, String host, String origin, String referer, String contentType,
                boolean hasBody) {
            this.path = path == null ? "/" : path;
            this.method = method;
            this.scheme = scheme;
            this.host = Optional.ofNullable(host).map(String::trim).filter(value -> !value.isEmpty());
            this.origin = Optional.ofNullable(origin).map(String::trim).filter(value -> !value.isEmpty());
            this.referer = Optional.ofNullable(referer).map(String::trim).filter(value -> !value.isEmpty());
            this.contentType = Optional.ofNullable(contentType).map(String::trim).filter(value -> !value.isEmpty());
            this.hasBody = hasBody;
        }
    }

    static final int MISDIRECTED_REQUEST = 421;
    static final int FORBIDDEN = 403;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9A-Za-z._~-]+)?]");
    private static final Pattern WILDCARD = Pattern.compile("0\\.0\\.0\\.0|::|\\[::]|\\*");

    private final Set<String> namesAllowed;
    private final Optional<String> corsOrigin;

    /**
     * @param configuredHost WebAdmin's {@code host} (a wildcard address adds no name)
     * @param allowedHosts more names the administrator reaches WebAdmin by
     * @param corsOrigin the origin allowed by the administrator's CORS setting, {@code *} for any, empty when CORS is off
     */
    CrossSiteRequestPolicy(String configuredHost, Set<String> allowedHosts, Optional<String> corsOrigin) {
        this.namesAllowed = allowedHosts.stream().map(String::trim).filter(name -> !name.isEmpty())
            .map(CrossSiteRequestPolicy::lowerCase).collect(Collectors.toCollection(HashSet::new));
        this.namesAllowed.add("localhost");
        if (configuredHost != null && !WILDCARD.matcher(configuredHost.trim()).matches() && !configuredHost.isBlank()) {
            this.namesAllowed.add(lowerCase(configuredHost.trim()));
        }
        this.corsOrigin = corsOrigin.map(String::trim).filter(origin -> !origin.isEmpty());
    }

    Optional<Refusal> check(Request request) {
        Optional<String> hostName = request.host.map(CrossSiteRequestPolicy::hostPart);
        if (hostName.isPresent() && !isAllowedHost(hostName.get())) {
            return Optional.of(new Refusal(MISDIRECTED_REQUEST, "Host '" + request.host.get() + "' is not a name of "
                + "this WebAdmin server: use its address or localhost, or list the name in mxsuite.allowedHosts of "
                + "webadmin.properties (-Dmxsuite.webadmin.allowedhosts)"));
        }
        boolean changes = !SAFE_METHODS.contains(request.method.toUpperCase(Locale.ROOT));
        if (request.origin.isPresent() && !isAllowedOrigin(request.origin.get(), request)) {
            return Optional.of(new Refusal(FORBIDDEN, "requests from the web page of another site (Origin '"
                + request.origin.get() + "') are refused"));
        }
        if (changes && request.origin.isEmpty() && request.referer.isPresent()
            && !isAllowedOrigin(request.referer.get(), request)) {
            return Optional.of(new Refusal(FORBIDDEN, "requests from the web page of another site (Referer '"
                + request.referer.get() + "') are refused"));
        }
        if (changes && (request.hasBody || request.contentType.isPresent()) && !takesAScript(request)
            && !request.contentType.map(CrossSiteRequestPolicy::isJson).orElse(false)) {
            return Optional.of(new Refusal(UNSUPPORTED_MEDIA_TYPE, "a request with a body must have Content-Type: "
                + "application/json (was " + request.contentType.map(type -> "'" + type + "'").orElse("none") + ")"));
        }
        return Optional.empty();
    }

    /**
     * James's {@code PUT /sieve/{user}/scripts/{name}} takes the script itself as its body, whatever its type: a PUT
     * from another site's page needs a CORS preflight first, which the Origin rule refuses.
     */
    private static boolean takesAScript(Request request) {
        return request.method.equalsIgnoreCase("PUT") && request.path.startsWith("/sieve/");
    }

    private boolean isAllowedHost(String host) {
        // an address literal cannot be the name of an attacker's site: only names are rebound
        return IPV4.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches() || namesAllowed.contains(lowerCase(host));
    }

    private boolean isAllowedOrigin(String origin, Request request) {
        if (corsOrigin.isPresent() && (corsOrigin.get().equals("*") || corsOrigin.get().equalsIgnoreCase(origin))) {
            return true;
        }
        // "null" (a sandboxed frame, a file) and anything unparsable is another site
        Optional<String> own = request.host.map(host -> authority(request.scheme, host));
        Optional<String> theirs = parseOrigin(origin);
        return own.isPresent() && theirs.isPresent() && own.get().equals(theirs.get());
    }

    /** {@code scheme://host:port} of an Origin or Referer (a whole URL) value; empty when it is not an http(s) URL. */
    private static Optional<String> parseOrigin(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            String scheme = lowerCase(uri.getScheme());
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            return Optional.of(authority(scheme, uri.getRawAuthority()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code scheme://host:port} with the scheme's port when none is given; user info dropped. */
    private static String authority(String scheme, String hostAndPort) {
        String value = hostAndPort.substring(hostAndPort.lastIndexOf('@') + 1);
        String host = hostPart(value);
        String rest = value.substring(Math.min(value.length(), host.length()));
        String port = rest.startsWith(":") && rest.length() > 1 ? rest.substring(1) : scheme.equals("https") ? "443" : "80";
        return lowerCase(scheme) + "://" + lowerCase(host) + ":" + port;
    }

    /** The host of a Host header value: {@code [::1]:8000} -> {@code [::1]}, {@code a.example:80} -> {@code a.example}. */
    static String hostPart(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String lowerCase(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
