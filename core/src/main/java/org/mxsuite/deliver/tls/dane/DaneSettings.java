package org.mxsuite.deliver.tls.dane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The {@code delivery.dane*} keys of {@code mxsuite.properties}: whether DANE applies to mail delivered by MX lookup
 * ({@code on}, the default, or {@code off}), and the DNSSEC trust anchors (a file of DS or DNSKEY records in zone-file
 * format; empty: the DNS root's key, built in).
 */
public final class DaneSettings {
    /**
     * The DS record of the DNS root's key-signing key KSK-2017 (key tag 20326, algorithm 8, SHA-256), as IANA publishes
     * it in https://data.iana.org/root-anchors/root-anchors.xml. A root KSK rollover means a new release or the setting.
     */
    public static final String ROOT_TRUST_ANCHOR =
        ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n";

    private final boolean enabled;
    private final String trustAnchors;
    private final String anchorsSource;

    DaneSettings(boolean enabled, String trustAnchors, String anchorsSource) {
        this.enabled = enabled;
        this.trustAnchors = trustAnchors;
        this.anchorsSource = anchorsSource;
    }

    public static DaneSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        String mode = configuration.getString("delivery.dane.enabled").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("true") && !mode.equals("false")) {
            throw new InvalidSettingException("delivery.dane.enabled must be true or false, not '" + mode + "'");
        }
        String file = configuration.getString("delivery.dane.trustAnchors").trim();
        if (file.isEmpty()) {
            return new DaneSettings(mode.equals("true"), ROOT_TRUST_ANCHOR, "the DNS root's KSK-2017 (built in)");
        }
        try {
            return new DaneSettings(mode.equals("true"), Files.readString(Path.of(file), StandardCharsets.US_ASCII), file);
        } catch (IOException e) {
            throw new InvalidSettingException("delivery.dane.trustAnchors: cannot read " + file + ": " + e.getMessage());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** DS or DNSKEY records in zone-file format. */
    public String trustAnchors() {
        return trustAnchors;
    }

    /** The file they come from, or that they are the built-in root's, for the log. */
    public String anchorsSource() {
        return anchorsSource;
    }
}
