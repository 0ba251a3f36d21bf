package org.mxsuite.accept;

import org.mxsuite.accept.common.DeclaredSize;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HoldRoom;

/**
 * RCPT of mail that would be held for another domain than the recipient's own (a forward target, the sender of a
 * returned bounce, a relayed recipient): refused with 452 (4.2.2 a full queue, 4.3.1 out of space) when the hold queue
 * has no room for it, so that the sender keeps it and tries again later. Listed before the hooks that accept such
 * recipients; it never accepts anyone itself.
 */
public class HeldRoomRcptHook implements RcptHook {
    private final HeldDestinations destinations;
    private final HoldRoom room;

    @Inject
    public HeldRoomRcptHook(HeldDestinations destinations, HoldRoom room) {
        this.destinations = destinations;
        this.room = room;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<DomainName> destination = destinations.of(session, rcpt);
        return destination.flatMap(domain -> room.forMessage(domain, DeclaredSize.of(session)))
            .map(shortage -> HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
                .smtpDescription(shortage.status() + " <" + rcpt.asString() + ">: " + shortage.reason()).build())
            .orElse(HookResult.DECLINED);
    }
}
