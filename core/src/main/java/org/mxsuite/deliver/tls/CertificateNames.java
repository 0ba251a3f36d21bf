package org.mxsuite.deliver.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate is valid for a host name or an address (RFC 6125): its subjectAltName DNS names, with a
 * wildcard only as the whole left-most label ({@code *.example.com} matches {@code mx.example.com}, not
 * {@code a.mx.example.com} nor {@code example.com}); an IP literal against its IP address entries. The subject's CN is
 * not read: certificates of the last decade carry subjectAltName, and a CN match is what RFC 6125 deprecates.
 */
public final class CertificateNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {
    }

    public static boolean matches(X509Certificate certificate, String host) {
        String wanted = normalise(host);
        boolean literal = wanted.indexOf(':') >= 0 || wanted.matches("[0-9.]+");
        for (List<?> entry : alternativeNames(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (literal && type == IP_ADDRESS && sameAddress(value, wanted)) {
                return true;
            }
            if (!literal && type == DNS_NAME && nameMatches(normalise(value), wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The DNS names and addresses the certificate is for, for messages. */
    public static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternativeNames(certificate)) {
            int type = (Integer) entry.get(0);
            if (type == DNS_NAME || type == IP_ADDRESS) {
                names.add(String.valueOf(entry.get(1)));
            }
        }
        return names;
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static boolean nameMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2)) && pattern.length() > 2;
        }
        return pattern.equals(host);
    }

    private static boolean sameAddress(String value, String wanted) {
        try {
            return InetAddress.getByName(value).equals(InetAddress.getByName(wanted));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
