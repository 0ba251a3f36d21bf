package org.mxsuite.deliver.tls;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the TLS of one connection to one host must show before any mail is sent, decided before connecting: by the
 * domain's {@code tls} setting, or for a host found by MX lookup by DANE or MTA-STS first ({@link OutboundTls}).
 * {@link #source()} names who decided, so that a failure says why the mail waits.
 */
public final class TlsRequirement {
    public enum Level {
        /** No STARTTLS at all (servers with broken TLS). */
        OFF,
        /** STARTTLS when offered, any certificate; plain text when it is not offered or fails (RFC 7435). */
        OPPORTUNISTIC,
        /** STARTTLS must succeed; any certificate: encrypted, not authenticated. */
        ENCRYPTED,
        /** STARTTLS must succeed and {@link #check()} must accept the server's certificate chain. */
        AUTHENTICATED,
        /** Not to be connected to at all (an MX host that an enforced MTA-STS policy does not list). */
        REFUSED
    }

    private final Level level;
    private final String source;
    private final Optional<PeerCheck> check;
    private final Optional<String> refusal;
    private final Optional<Consumer<String>> reportOnly;
    private final Optional<String> serverName;

    private TlsRequirement(Level level, String source, Optional<PeerCheck> check, Optional<String> refusal,
                           Optional<Consumer<String>> reportOnly, Optional<String> serverName) {
        this.level = level;
        this.source = Objects.requireNonNull(source);
        this.check = check;
        this.refusal = refusal;
        this.reportOnly = reportOnly;
        this.serverName = serverName;
    }

    public static TlsRequirement off(String source) {
        return new TlsRequirement(Level.OFF, source, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TlsRequirement opportunistic(String source) {
        return new TlsRequirement(Level.OPPORTUNISTIC, source, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TlsRequirement encrypted(String source) {
        return new TlsRequirement(Level.ENCRYPTED, source, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TlsRequirement authenticated(String source, PeerCheck check) {
        return new TlsRequirement(Level.AUTHENTICATED, source, Optional.of(check), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TlsRequirement refused(String source, String reason) {
        return new TlsRequirement(Level.REFUSED, source, Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    /**
     * Opportunistic TLS whose certificate is checked only to report (MTA-STS {@code testing}): a failed check, a
     * missing STARTTLS or a failed handshake go to {@code report}, and the mail goes on as with opportunistic TLS.
     */
    public static TlsRequirement reportOnly(String source, PeerCheck check, Consumer<String> report) {
        return new TlsRequirement(Level.OPPORTUNISTIC, source, Optional.of(check), Optional.empty(), Optional.of(report), Optional.empty());
    }

    /** The host name sent in TLS's server_name extension (SNI); by default none is sent. */
    public TlsRequirement withServerName(String name) {
        return new TlsRequirement(level, source, check, refusal, reportOnly, Optional.of(name));
    }

    public Level level() {
        return level;
    }

    /** Who decided: "tls setting verify", "MTA-STS policy of example.com (enforce)", "DANE TLSA _25._tcp.mx.example.com". */
    public String source() {
        return source;
    }

    /** How the certificate is checked (AUTHENTICATED, or reported on only). */
    public Optional<PeerCheck> check() {
        return check;
    }

    /** Why the host is not to be connected to (REFUSED). */
    public Optional<String> refusal() {
        return refusal;
    }

    /** Where failures go when they are only reported; empty when a failure holds the mail or means nothing. */
    public Optional<Consumer<String>> reportOnlyTo() {
        return reportOnly;
    }

    public Optional<String> serverName() {
        return serverName;
    }

    /** Whether the mail may go without STARTTLS (or after a failed handshake, over a new plain connection). */
    public boolean allowsPlainText() {
        return level == Level.OPPORTUNISTIC || level == Level.OFF;
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + " (" + source + ")";
    }
}
