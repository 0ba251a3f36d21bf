package org.mxsuite.accept;

import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.mxsuite.domain.ControlCharacters;

/**
 * MAIL and RCPT with an address that holds a control character (CR, LF, NUL, any other C0, DEL), which James's parser
 * takes in a quoted local part: refused with 501, from anyone, before any other hook. Such an address would be
 * written to the next server, where a bare CR may end a line (SMTP smuggling), and into DSNs.
 */
public class ControlCharacterAddressHook implements MailHook, RcptHook {
    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.asOptional().map(address -> ControlCharacters.in(address.asString())).orElse(false)) {
            return refused("5.1.7 Bad sender address syntax: an address may not hold control characters");
        }
        return HookResult.DECLINED;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (ControlCharacters.in(rcpt.asString())) {
            return refused("5.1.3 Bad recipient address syntax: an address may not hold control characters");
        }
        return HookResult.DECLINED;
    }

    private static HookResult refused(String description) {
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("501").smtpDescription(description).build();
    }
}
