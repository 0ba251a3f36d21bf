package org.mxsuite.accept;

import org.mxsuite.accept.relay.InboundSenderIdentityHook;

/**
 * The handlers of the inbound (MX) listeners: mail from the internet may carry any sender; a logged-in client sends
 * as itself.
 */
public class InboundSmtpHandlers extends SmtpHandlers {
    public InboundSmtpHandlers() {
        super(InboundSenderIdentityHook.class);
    }
}
