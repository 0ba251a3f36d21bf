package org.mxsuite.deliver;

import java.util.List;

import org.mxsuite.hold.HeldMessage;

/** Tells the sender of a held message what became of it (RFC 3464 DSN); never writes to the null sender. */
public interface Bouncer {
    /** Recipients that failed for good (5xx) or were held past retention. */
    void bounce(HeldMessage message, List<RecipientStatus> recipients) throws Exception;

    /** Recipients still held after the delay-warning time. */
    void warnDelay(HeldMessage message, List<RecipientStatus> recipients) throws Exception;
}
