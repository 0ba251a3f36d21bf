package org.mxsuite.scan;

import java.util.Locale;

import org.mxsuite.domain.InvalidSettingException;

/** What becomes of a message when its scanner gives no verdict. */
public enum ScannerFailureAction {
    /** 451 4.3.0: the client tries again later, nothing unscanned is accepted */
    DEFER,
    /** accepted unscanned (marked in a header, logged and counted) */
    ACCEPT;

    public static ScannerFailureAction parse(String key, String raw) {
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key + " '" + raw + "' must be defer or accept");
        }
    }
}
