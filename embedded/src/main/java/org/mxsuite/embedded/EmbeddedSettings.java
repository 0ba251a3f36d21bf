package org.mxsuite.embedded;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.mxsuite.embedded.jpa.DerbyFiles;
import org.mxsuite.embedded.jpa.JpaServerModules;
import org.mxsuite.embedded.jpa.LuceneMailboxIndex;

/**
 * What {@code ./mxsuite start} runs with: the embedded defaults (everything on 127.0.0.1, unprivileged ports),
 * overridden by environment variables. Every {@code ${sys:mxsuite.a.b}} placeholder of james-conf/ can be set as
 * {@code MXSUITE_A_B}; e.g. {@code MXSUITE_SMTP_PORT=25}, {@code MXSUITE_STATE_BACKEND=postgresql}.
 */
public final class EmbeddedSettings {
    static final String ENV_PREFIX = "MXSUITE_";
    static final String PROPERTY_PREFIX = "mxsuite.";

    /** The embedded defaults; the Docker image uses the defaults written in james-conf/ instead. */
    static final Map<String, String> DEFAULTS = defaults();
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final Path home;
    private final Map<String, String> properties;

    private EmbeddedSettings(Path home, Map<String, String> properties) {
        this.home = home;
        this.properties = properties;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("mxsuite.bind", "127.0.0.1");
        defaults.put("mxsuite.smtp.port", "2525");
        defaults.put("mxsuite.submission.port", "2587");
        defaults.put("mxsuite.smtps.port", "2465");
        defaults.put("mxsuite.imap.port", "2143");
        defaults.put("mxsuite.imaps.port", "2993");
        defaults.put("mxsuite.pop3.port", "2110");
        defaults.put("mxsuite.pop3s.port", "2995");
        defaults.put("mxsuite.webadmin.host", "127.0.0.1");
        defaults.put("mxsuite.webadmin.port", "8000");
        defaults.put("mxsuite.panel.port", "8090");
        // the second inbound listener exists for the Docker image (25 and 2525); embedded, 2525 is the inbound port
        defaults.put("mxsuite.smtp.alt.enabled", "false");
        // the Docker image's extra relay ports (26, 10025, 10465); embedded, relay clients use 2525, 2587 and 2465
        defaults.put("mxsuite.submission2.enabled", "false");
        defaults.put("mxsuite.submission3.enabled", "false");
        defaults.put("mxsuite.smtps2.enabled", "false");
        return defaults;
    }

    public static EmbeddedSettings from(Path home, Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>(DEFAULTS);
        environment.forEach((name, value) -> {
            if (isSetting(name)) {
                properties.put(propertyName(name), value);
            }
        });
        // plaintext AUTH (submission, IMAP, POP3) is refused on unencrypted connections, except when every listener is
        // on loopback: then only this machine can connect and nothing crosses a network (a proxy on this machine that
        // forwards outside connections here breaks that: docs/configuration.md says to set MXSUITE_AUTH_REQUIRETLS)
        properties.putIfAbsent("mxsuite.auth.requiretls", String.valueOf(!isLoopback(properties.get("mxsuite.bind"))));
        // James's data in Derby files under the home, unless MXSUITE_DATABASE_URL names another database
        properties.putIfAbsent("mxsuite.database.url", DerbyFiles.url(home.toAbsolutePath().normalize()));
        properties.putIfAbsent("derby.stream.error.file", DerbyFiles.logFile(home.toAbsolutePath().normalize()));
        // a SELECT clears the \Recent flag of every new message of the mailbox in one transaction: past Derby's 5000
        // row locks it would lock the whole table, and every delivery to every mailbox would wait for it
        properties.putIfAbsent("derby.locks.escalationThreshold", "1000000");
        if (properties.get("mxsuite.database.url").startsWith("jdbc:postgresql:")) {
            properties.putIfAbsent("mxsuite.database.driver", "org.postgresql.Driver");
            properties.putIfAbsent("mxsuite.database.vendor", "POSTGRESQL");
            // a Lucene index is per node: with several nodes on one database, search reads the database instead
            properties.putIfAbsent(JpaServerModules.SEARCH_INDEX_PROPERTY, "scan");
        }
        return new EmbeddedSettings(home.toAbsolutePath().normalize(), properties);
    }

    /**
     * Whether the listeners' address is loopback, by what it is rather than how it begins: an IPv4 or IPv6 literal
     * in 127.0.0.0/8 or ::1, or {@code localhost} when every address the system gives for it is loopback. Any other
     * name (which DNS may point anywhere, 127.0.0.1.example included) is not.
     */
    static boolean isLoopback(String bind) {
        String address = bind == null ? "" : bind.trim();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        try {
            if (IPV4_LITERAL.matcher(address).matches() || IPV6_LITERAL.matcher(address).matches()) {
                // a literal: no lookup happens
                return InetAddress.getByName(address).isLoopbackAddress();
            }
            if (address.equalsIgnoreCase("localhost")) {
                return Arrays.stream(InetAddress.getAllByName(address)).allMatch(InetAddress::isLoopbackAddress);
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /** An {@code MXSUITE_} variable that sets a property, rather than one the launcher reads itself. */
    private static boolean isSetting(String name) {
        return name.startsWith(ENV_PREFIX) && !name.equals("MXSUITE_HOME") && !name.equals("MXSUITE_CONF")
            && !name.equals("MXSUITE_JAVA_OPTS") && !name.equals("MXSUITE_NO_BUILD");
    }

    /**
     * The {@code MXSUITE_} variables whose property nothing reads: no {@code ${sys:...}} of the configuration
     * ({@code used}) and none the server reads itself. A misspelt variable would otherwise change nothing silently.
     */
    static List<String> unusedVariables(Map<String, String> environment, Set<String> used) {
        return environment.keySet().stream()
            .filter(EmbeddedSettings::isSetting)
            .filter(name -> !used.contains(propertyName(name)) && !DEFAULTS.containsKey(propertyName(name))
                && !propertyName(name).equals(JpaServerModules.SEARCH_INDEX_PROPERTY)
                && !propertyName(name).equals(LuceneMailboxIndex.BACKLOG_PROPERTY))
            .sorted()
            .collect(Collectors.toList());
    }

    /** {@code MXSUITE_SMTP_PORT} -> {@code mxsuite.smtp.port}. */
    static String propertyName(String environmentName) {
        return PROPERTY_PREFIX + environmentName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public Path home() {
        return home;
    }

    public String get(String property) {
        return properties.get(property);
    }

    public Map<String, String> systemProperties() {
        return Map.copyOf(properties);
    }

    EmbeddedSettings with(String property, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.putIfAbsent(property, value);
        return new EmbeddedSettings(home, copy);
    }
}
