package org.mxsuite.accept.relay;

import java.time.Instant;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.mxsuite.relay.RelayCharge;
import org.mxsuite.relay.SenderVerification;

/**
 * The relay's refusals. Over quota is temporary (452 4.7.0), not permanent: the quota starts again at midnight UTC,
 * so the client's queue keeps the mail and delivers it after the reset instead of bouncing it.
 */
final class RelayReplies {
    private RelayReplies() {
    }

    static HookResult overQuota(RelayCharge charge, int used, int asked, Instant resetsAt) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
            .smtpDescription("4.7.0 Daily relay limit of " + charge.dailyLimit() + " for " + charge.domain() + " reached ("
                + used + " used, this needs " + asked + "); it resets at " + resetsAt)
            .build();
    }

    static HookResult tooManyRecipients(RelayCharge charge) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
            .smtpDescription("4.5.3 Relay limit of " + charge.maxRecipients().getAsInt() + " recipients per message for "
                + charge.domain() + " reached; send the others in another message")
            .build();
    }

    static HookResult senderNotAllowed(String why) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.7.1 " + why).build();
    }

    /** 451 either way (RFC 3463: 4.1.8 the sender's address, 4.4.3 DNS that did not answer). */
    static HookResult senderVerifyFailed(SenderVerification.Failure failure) {
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
            .smtpDescription((failure.lookupFailed() ? "4.4.3" : "4.1.8") + " Temporary local error: sender verify failed: "
                + failure.cause()).build();
    }
}
