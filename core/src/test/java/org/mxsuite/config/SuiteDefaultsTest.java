package org.mxsuite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.mxsuite.state.StateStoreConfiguration;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.junit.jupiter.api.Test;
import org.mxsuite.activity.ActivitySettings;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.deliver.DeliverySettings;
import org.mxsuite.dns.DnsSettings;
import org.mxsuite.dnsbl.BlocklistSettings;
import org.mxsuite.forward.ForwardSettings;
import org.mxsuite.greylist.GreylistSettings;
import org.mxsuite.relay.RelaySettings;
import org.mxsuite.scan.ScannerSettings;
import org.mxsuite.trace.TraceSettings;
import org.mxsuite.verify.VerifySettings;

/**
 * The shipped mxsuite.properties is the one place of every default: code reads keys without a default of its own,
 * and only keys the file defines.
 */
class SuiteDefaultsTest {
    /** The sources that read mxsuite.properties. */
    private static final List<String> MODULES = List.of("core", "protocols", "matchers", "mailets", "webadmin", "panel", "embedded");
    private static final Pattern GETTER = Pattern.compile("\\.(?:get(?:String|Int|Integer|Long|Boolean|Double|StringArray|List)|orDefault)\\(");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z0-9.]+)\"");

    @Test
    void everySettingsClassReadsOnlyKeysOfTheShippedFileAndGetsItsValues() {
        Configuration none = new BaseConfiguration();

        // a key the file lacks would throw NoSuchElementException here
        assertThat(DeliverySettings.from(none).workers()).isEqualTo(SuiteProperties.defaults().getInt("delivery.workers"));
        assertThat(DeliverySettings.from(none).lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(BanSettings.from(none).maxFailures()).isEqualTo(SuiteProperties.defaults().getInt("ban.maxFailures"));
        assertThat(GreylistSettings.from(none).delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(RelaySettings.from(none).mailboxDailyLimit()).isEqualTo(SuiteProperties.defaults().getInt("relay.dailyLimit"));
        assertThat(BlocklistSettings.from(none).clientThreshold()).isEqualTo(SuiteProperties.defaults().getInt("dnsbl.threshold"));
        assertThat(DnsSettings.from(none).maxConcurrentLookups()).isEqualTo(SuiteProperties.defaults().getInt("dns.maxConcurrentLookups"));
        assertThat(ForwardSettings.from(none).srsRcptLimit()).isEqualTo(SuiteProperties.defaults().getInt("forward.srsRcptLimit"));
        assertThat(ScannerSettings.virusScan(none).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ScannerSettings.spamScan(none).timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(StateStoreConfiguration.from(none).poolSize()).isEqualTo(SuiteProperties.defaults().getInt("state.pool.size"));
        assertThat(VerifySettings.from(none).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(VerifySettings.from(none).acceptedFor()).isEqualTo(Duration.ofDays(31));
        assertThat(TraceSettings.from(none).enabled()).isTrue();
        assertThat(TraceSettings.from(none).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(ActivitySettings.from(none).flushInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ActivitySettings.from(none).heldSampleInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readingAKeyTheShippedFileLacksFails() {
        assertThatThrownBy(() -> SuiteProperties.defaults().getString("delivery.noSuchSetting"))
            .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> SuiteProperties.defaults().getInt("delivery.noSuchSetting"))
            .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aKeyTheInstalledFileSetsWinsAndABlankDurationIsItsDefault() {
        BaseConfiguration installed = new BaseConfiguration();
        installed.addProperty("delivery.workers", "3");
        installed.addProperty("delivery.lease", " ");

        assertThat(DeliverySettings.from(installed).workers()).isEqualTo(3);
        assertThat(DeliverySettings.from(installed).lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SuiteProperties.writtenDefault("delivery.lease")).isEqualTo("2m");
    }

    @Test
    void aSystemPropertyOverridesAKeyTheInstalledFileLacks() {
        String property = SuiteProperties.systemProperty("delivery.workers");
        System.setProperty(property, "5");
        try {
            assertThat(DeliverySettings.from(new BaseConfiguration()).workers()).isEqualTo(5);
        } finally {
            System.clearProperty(property);
        }
    }

    /**
     * In the sources: a read of a key of mxsuite.properties (one that starts as a shipped key does: {@code delivery.},
     * {@code ban.}, ...) names a key the shipped file defines, and gives no default of its own.
     */
    @Test
    void noSourceGivesADefaultOfItsOwnOrReadsAKeyTheShippedFileLacks() throws IOException {
        Set<String> known = SuiteProperties.knownKeys();
        Set<String> prefixes = known.stream().map(key -> key.substring(0, key.indexOf('.') + 1)).collect(Collectors.toSet());
        List<String> wrong = new ArrayList<>();
        int reads = 0;
        for (Path source : sources()) {
            String text = Files.readString(source);
            Matcher getter = GETTER.matcher(text);
            while (getter.find()) {
                List<String> arguments = arguments(text, getter.end());
                // SuiteProperties.orDefault(configuration, key): the key comes second
                int keyAt = getter.group().startsWith(".orDefault") ? 1 : 0;
                Matcher literal = LITERAL.matcher(arguments.size() > keyAt ? arguments.get(keyAt) : "");
                if (!literal.find() || prefixes.stream().noneMatch(literal.group(1)::startsWith)) {
                    continue;
                }
                reads++;
                String key = literal.group(1);
                String where = source.getFileName() + ": " + text.substring(getter.start(), Math.min(text.length(), getter.end() + 80)).split("\n")[0];
                if (arguments.get(keyAt).trim().equals("\"" + key + "\"") && !known.contains(key)) {
                    wrong.add("reads a key the shipped file lacks: " + where);
                }
                if (arguments.size() > keyAt + 1) {
                    wrong.add("gives a default of its own: " + where);
                }
            }
        }
        assertThat(reads).as("reads of mxsuite.properties found in the sources").isGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    /** The settings tables of docs/configuration.md repeat the defaults for the reader: they must be the file's. */
    @Test
    void theDocsGiveTheShippedDefaults() throws IOException {
        Set<String> known = SuiteProperties.knownKeys();
        Pattern row = Pattern.compile("^\\| `([A-Za-z0-9.]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);
        Matcher rows = row.matcher(Files.readString(Paths.get("..", "docs", "configuration.md")));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        while (rows.find()) {
            String key = rows.group(1);
            // the value, without the variable or property named after it
            String value = rows.group(2).replaceAll("\\s*\\(.*\\)\\s*$", "").replace("`", "").trim();
            if (!known.contains(key) || SuiteProperties.writtenDefault(key).isEmpty() || value.startsWith("-D")
                || !value.matches("[A-Za-z0-9.=*\\[\\]/_-]+")) {
                continue;
            }
            checked++;
            if (!value.equals(SuiteProperties.writtenDefault(key))) {
                wrong.add(key + ": the docs say " + value + ", the shipped file " + SuiteProperties.writtenDefault(key));
            }
        }
        assertThat(checked).as("defaults found in the docs").isGreaterThan(30);
        assertThat(wrong).isEmpty();
    }

    /**
     * James reads the file with commas as list separators before it resolves {@code ${sys:key:-default}}: a default
     * holding a comma becomes a list of broken placeholders, and the server does not start (a value set by a system
     * property may hold commas; the setting then reads it as a list).
     */
    @Test
    void noShippedDefaultHoldsAComma() throws IOException {
        Pattern placeholder = Pattern.compile("^([A-Za-z0-9.]+)=\\$\\{sys:[^:}]+:-([^}]*)}", Pattern.MULTILINE);
        Matcher lines = placeholder.matcher(Files.readString(Paths.get("..", "james-conf", "mxsuite.properties")));
        List<String> withCommas = new ArrayList<>();
        int checked = 0;
        while (lines.find()) {
            checked++;
            if (lines.group(2).contains(",")) {
                withCommas.add(lines.group(1) + "=" + lines.group(2));
            }
        }
        assertThat(checked).as("placeholders found in the shipped file").isGreaterThan(40);
        assertThat(withCommas).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Paths.get("..", module, "src", "main", "java");
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    /** The arguments of the call whose '(' ends at {@code start}, split at its top-level commas. */
    private static List<String> arguments(String text, int start) {
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\') {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                break;
            } else if (c == ',' && depth == 0) {
                arguments.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (current.toString().isBlank() && arguments.isEmpty()) {
            return arguments;
        }
        arguments.add(current.toString());
        return arguments;
    }
}
