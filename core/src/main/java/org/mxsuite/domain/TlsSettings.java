package org.mxsuite.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the settings that authenticate a domain's servers: {@code tlsFingerprints}, {@code tlsCaFile}, {@code tlsName}. */
public final class TlsSettings {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private TlsSettings() {
    }

    /** A SHA-256 fingerprint as {@code AB:CD:...}, {@code abcd...} or {@code sha256:...}, as 64 lower-case hex digits. */
    public static String fingerprint(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("sha256:")) {
            value = value.substring("sha256:".length());
        }
        value = value.replace(":", "");
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new InvalidSettingException("tlsFingerprints: '" + raw + "' is not a SHA-256 fingerprint (64 hex digits,"
                + " colons allowed: openssl x509 -noout -fingerprint -sha256)");
        }
        return value;
    }

    /**
     * An absolute path to a readable file of PEM certificates. Checked when set, so that a typo is a 400 rather than
     * held mail; a file removed later holds the domain's mail with that reason.
     */
    public static String caFile(String raw) {
        Path file = Path.of(raw.trim());
        if (!file.isAbsolute()) {
            throw new InvalidSettingException("tlsCaFile '" + raw + "' must be an absolute path");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new InvalidSettingException("tlsCaFile '" + raw + "' holds no certificate");
            }
        } catch (IOException e) {
            throw new InvalidSettingException("tlsCaFile '" + raw + "' cannot be read: " + e.getMessage());
        } catch (CertificateException e) {
            throw new InvalidSettingException("tlsCaFile '" + raw + "' is not a PEM certificate file: " + e.getMessage());
        }
        return file.toString();
    }

    /** A host name or an IP address the certificate must be valid for. */
    public static String name(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (IpLiteral.isIpv4(value) || IpLiteral.isIpv6(value)) {
            return value;
        }
        try {
            return DomainName.of(value).asString();
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException("tlsName '" + raw + "' is not a host name or an IP address: " + e.getMessage());
        }
    }
}
