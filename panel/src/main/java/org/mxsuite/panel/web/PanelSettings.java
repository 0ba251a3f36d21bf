package org.mxsuite.panel.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.HoldPolicy;

/**
 * The control panel's listener and sessions ({@code panel.*} of {@code conf/mxsuite.properties}). Beyond loopback it
 * speaks HTTPS only, with the server's keystore (the one of SMTP, IMAP and POP3): passwords and session cookies never
 * cross a network in clear.
 */
public final class PanelSettings {
    private final boolean enabled;
    private final String bind;
    private final int port;
    private final Optional<Path> keystore;
    private final String keystoreSecret;
    private final Duration sessionIdle;
    private final Duration ownerMaxRetention;

    public PanelSettings(boolean enabled, String bind, int port, Optional<Path> keystore, String keystoreSecret, Duration sessionIdle,
                         Duration ownerMaxRetention) {
        this.enabled = enabled;
        this.bind = bind;
        this.port = port;
        this.keystore = keystore;
        this.keystoreSecret = keystoreSecret;
        this.sessionIdle = sessionIdle;
        this.ownerMaxRetention = ownerMaxRetention;
    }

    public static PanelSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        String bind = configuration.getString("panel.bind").trim();
        String keystore = configuration.getString("panel.keystore").trim();
        String secret = configuration.getString("panel.keystoreSecret");
        return new PanelSettings(configuration.getBoolean("panel.enabled"),
            // blank: where the server's other listeners are
            bind.isEmpty() ? System.getProperty("mxsuite.bind", "0.0.0.0") : bind,
            configuration.getInt("panel.port"),
            Optional.of(keystore.isEmpty() ? System.getProperty("mxsuite.tls.keystore", "") : keystore)
                .filter(value -> !value.isBlank()).map(PanelSettings::path),
            secret.isEmpty() ? System.getProperty("mxsuite.tls.secret", "") : secret,
            Durations.parse("panel.sessionIdle", SuiteProperties.orDefault(configuration, "panel.sessionIdle")),
            Durations.parseWithin("panel.owner.maxRetention", SuiteProperties.orDefault(configuration, "panel.owner.maxRetention"),
                HoldPolicy.MIN_RETENTION, HoldPolicy.MAX_RETENTION));
    }

    /** {@code file:///x} or {@code file://x} (relative to the working directory), as James's keystore settings, or a path. */
    private static Path path(String value) {
        if (value.startsWith("file://")) {
            return Path.of(value.substring("file://".length()));
        }
        return Path.of(value);
    }

    public boolean enabled() {
        return enabled;
    }

    public String bind() {
        return bind;
    }

    public int port() {
        return port;
    }

    /** Whether the listener is reachable from loopback only: then plain HTTP is allowed. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public Optional<Path> keystore() {
        return keystore;
    }

    public String keystoreSecret() {
        return keystoreSecret;
    }

    /** A session unused this long is closed. */
    public Duration sessionIdle() {
        return sessionIdle;
    }

    /** The longest retention a domain owner may set in the panel (operators, in the panel or over WebAdmin, are not bound). */
    public Duration ownerMaxRetention() {
        return ownerMaxRetention;
    }
}
