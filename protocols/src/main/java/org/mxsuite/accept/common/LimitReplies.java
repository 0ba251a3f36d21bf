package org.mxsuite.accept.common;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.mxsuite.limit.LimitReached;

/**
 * Refusals of traffic limits: temporary (452 4.7.0), never permanent, naming the limit and its reset time in UTC, so
 * that the client's queue keeps the mail and sends it after the reset instead of bouncing it.
 */
public final class LimitReplies {
    private LimitReplies() {
    }

    public static HookResult reached(LimitReached reached) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
            .smtpDescription("4.7.0 " + reached.text()).build();
    }

    /** The counters could not be read or written: 451, so that nothing passes a limit unseen and nothing is lost. */
    public static HookResult cannotCount() {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
            .smtpDescription("4.3.0 Temporary local error: cannot count traffic limits; try again later").build();
    }
}
