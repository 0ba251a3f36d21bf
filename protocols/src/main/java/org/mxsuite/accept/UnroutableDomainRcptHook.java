package org.mxsuite.accept;

import org.mxsuite.accept.common.HostedDomains;
import java.util.Map;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * RCPT for an address whose domain no MX lookup can route, an address literal ({@code user@[192.0.2.1]}) or a name
 * that is not fully qualified ({@code user@intranet}), and that James does not host itself: 550 5.1.2 at RCPT. Such
 * mail, once acknowledged, could be held for nowhere (only clients allowed to relay get this far: James refuses the
 * others first).
 */
public class UnroutableDomainRcptHook implements RcptHook {
    private static final Pattern ADDRESS = Pattern.compile("\\[?([0-9.]+|(IPv6:)?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\\]?");
    private final DomainList jamesDomains;

    @Inject
    public UnroutableDomainRcptHook(DomainList jamesDomains) {
        this.jamesDomains = jamesDomains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt, Map<String, String> parameters) {
        if (HostedDomains.domainName(rcpt).isPresent() || isJamesDomain(rcpt)) {
            return HookResult.DECLINED;
        }
        // James keeps an address literal's address without its brackets
        String domain = rcpt.getDomain().asString();
        String why = ADDRESS.matcher(domain).matches() ? "address literals are not relayed"
            : "'" + domain + "' is not a fully qualified domain name";
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.1.2 <" + rcpt.asString() + ">: cannot be delivered: " + why).build();
    }

    private boolean isJamesDomain(MailAddress rcpt) {
        try {
            return jamesDomains.containsDomain(rcpt.getDomain());
        } catch (DomainListException e) {
            return true; // cannot tell: James decides, as without this hook
        }
    }
}
