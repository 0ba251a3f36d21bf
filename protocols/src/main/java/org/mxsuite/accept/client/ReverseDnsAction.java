package org.mxsuite.accept.client;

import java.util.Locale;

import org.mxsuite.domain.InvalidSettingException;

/** What {@code reverseDns.action} does with a client without forward-confirmed reverse DNS. */
public enum ReverseDnsAction {
    /** 450 4.7.25: a real server with a DNS mishap retries and gets through once it is fixed */
    DEFER,
    /** 550 5.7.25 */
    REJECT,
    /** no check at all */
    OFF;

    public static ReverseDnsAction parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("reverseDns.action '" + value + "' must be defer, reject or off");
        }
    }
}
