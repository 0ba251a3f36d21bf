package org.mxsuite.accept;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;

/**
 * At most {@code <maxRecipients>} recipients per message (by default {@code smtp.maxRecipients} of
 * mxsuite.properties, 1000): each one more gets {@code 452 4.5.3}, and the client sends
 * those in another transaction (RFC 5321 4.5.3.1.10, which asks servers to take at least 100). Listed before the hooks
 * that accept a recipient, so that none of them can take one past the limit.
 */
public class MaxRecipientsRcptHook implements RcptHook {
    private final int configured;
    private int maxRecipients;

    @Inject
    public MaxRecipientsRcptHook(PropertiesProvider properties) throws ConfigurationException {
        this(SuiteProperties.read(properties).getInt("smtp.maxRecipients"));
    }

    /** {@code configured}: the limit unless the handler's parameters give one. */
    MaxRecipientsRcptHook(int configured) {
        this.configured = configured;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        maxRecipients = config.getInt("maxRecipients", configured);
        if (maxRecipients < 100) {
            throw new ConfigurationException("maxRecipients must be at least 100 (RFC 5321 4.5.3.1.10), not " + maxRecipients);
        }
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.getRcptCount() < maxRecipients) {
            return HookResult.DECLINED;
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("452")
            .smtpDescription("4.5.3 Too many recipients (" + maxRecipients + " per message at most); send the others in another message")
            .build();
    }
}
