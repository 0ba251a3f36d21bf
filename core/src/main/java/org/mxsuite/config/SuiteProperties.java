package org.mxsuite.config;

import java.io.FileNotFoundException;
import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code conf/mxsuite.properties}, the suite's own settings, over the file as shipped: the shipped file is where every
 * setting's default is written, and the only place. A key missing from the installed file (or the whole file) has
 * the shipped value, its system property included; code reads each key without a default of its own, and reading a
 * key the shipped file does not define fails ({@link java.util.NoSuchElementException}).
 *
 * <p>One rule for every key: the shipped file writes each {@code key=value} as
 * {@code key=${sys:mxsuite.<key in lower case>:-value}}, so the system property {@code mxsuite.<key in lower case>}
 * (and, under {@code ./mxsuite start}, the variable {@code MXSUITE_<KEY IN UPPER CASE, '.' AS '_'>}) overrides it.
 * A key the suite does not know is named in a warning at start (with the known key it most resembles): a misspelt
 * setting would otherwise be ignored without a word.
 */
public final class SuiteProperties {
    private static final Logger LOGGER = LoggerFactory.getLogger(SuiteProperties.class);
    static final String FILE = "mxsuite";
    /** The file as shipped (james-conf/mxsuite.properties, copied into this jar by the build): the known keys. */
    static final String SHIPPED = "/org/mxsuite/config/mxsuite.properties";
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SuiteProperties() {
    }

    public static Configuration read(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            Configuration configuration = propertiesProvider.getConfiguration(FILE);
            warnOnce(unknownKeys(configuration, knownKeys()));
            return withDefaults(configuration);
        } catch (FileNotFoundException e) {
            LOGGER.warn("No conf/{}.properties: MX Suite uses its defaults (state in the embedded H2 database)", FILE);
            return defaults();
        }
    }

    /** Every setting at its default: the shipped file. */
    public static Configuration defaults() {
        return withDefaults(new BaseConfiguration());
    }

    /**
     * {@code configuration} over the shipped file: what it does not set, the shipped file does. Each reader of
     * settings applies it (a test gives only the keys it is about); applied twice, it layers once.
     */
    public static Configuration withDefaults(Configuration configuration) {
        return configuration instanceof OverShipped ? configuration : new OverShipped(configuration);
    }

    private static final class OverShipped extends CompositeConfiguration {
        OverShipped(Configuration configuration) {
            super(List.of(configuration, Shipped.FILE));
            setThrowExceptionOnMissing(true);
        }
    }

    /**
     * The value of {@code key}, or its default where it is blank: for settings whose blank value has always meant the
     * default (an empty {@code MXSUITE_*} variable gives a blank value, not none).
     */
    public static String orDefault(Configuration configuration, String key) {
        String value = configuration.getString(key);
        return value.isBlank() ? writtenDefault(key) : value;
    }

    /** {@code X} of the shipped {@code key=${sys:mxsuite.key:-X}}: the default, whatever the system property says. */
    static String writtenDefault(String key) {
        Object raw = Shipped.FILE.getProperty(key);
        // a default with a comma in it comes as a list, cut where the commas were
        String placeholder = raw instanceof List
            ? ((List<?>) raw).stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(raw);
        return placeholder.substring(placeholder.indexOf(":-") + 2, placeholder.length() - 1);
    }

    /** The shipped file, read once, as James reads conf/mxsuite.properties: ',' separates the values of a list. */
    private static final class Shipped {
        static final PropertiesConfiguration FILE = load();

        private static PropertiesConfiguration load() {
            URL url = SuiteProperties.class.getResource(SHIPPED);
            if (url == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the suite's jar");
            }
            try {
                return new FileBasedConfigurationBuilder<>(PropertiesConfiguration.class)
                    .configure(new Parameters().properties().setURL(url).setListDelimiterHandler(new DefaultListDelimiterHandler(',')))
                    .getConfiguration();
            } catch (ConfigurationException e) {
                throw new IllegalStateException("cannot read " + SHIPPED, e);
            }
        }
    }

    /** The system property that overrides {@code key}: {@code mxsuite.} and the key in lower case. */
    public static String systemProperty(String key) {
        return "mxsuite." + key.toLowerCase(Locale.ROOT);
    }

    /** The keys of the shipped file. */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        Shipped.FILE.getKeys().forEachRemaining(keys::add);
        return keys;
    }

    /** Each key of {@code configuration} that is not known, with the known key it most resembles. */
    static List<String> unknownKeys(Configuration configuration, Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        configuration.getKeys().forEachRemaining(key -> {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        });
        return unknown.stream()
            .map(key -> closest(key, known).map(guess -> key + " (did you mean " + guess + "?)").orElse(key))
            .collect(Collectors.toList());
    }

    private static void warnOnce(List<String> unknown) {
        for (String key : unknown) {
            if (WARNED.add(key)) {
                LOGGER.warn("conf/{}.properties: unknown setting {}: ignored (docs/configuration.md lists the settings)", FILE, key);
            }
        }
    }

    /** The known key nearest in spelling, when it is near enough to be a slip (case aside, a few letters). */
    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
            .min(Comparator.comparingInt(candidate -> distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))))
            .filter(candidate -> distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT)) <= Math.max(2, key.length() / 5));
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
