package org.mxsuite.accept;

import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Settings of SMTP handlers that James lists through a package ({@link SmtpHandlers}), which hands them no
 * parameters: they are the system properties {@code smtpserver.xml} used to pass them ({@code ${sys:NAME:-DEFAULT}}).
 */
final class SystemProperties {
    private SystemProperties() {
    }

    /** The property's whole number, or {@code fallback} when it is not set. */
    static int integer(String key, int fallback) throws ConfigurationException {
        String raw = System.getProperty(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("system property " + key + " must be a whole number, not '" + raw + "'");
        }
    }
}
