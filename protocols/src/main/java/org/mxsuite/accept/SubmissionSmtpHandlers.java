package org.mxsuite.accept;

import org.mxsuite.accept.relay.SenderIdentityHook;

/** The handlers of the submission, SMTPS and relay listeners: every client sends as itself. */
public class SubmissionSmtpHandlers extends SmtpHandlers {
    public SubmissionSmtpHandlers() {
        super(SenderIdentityHook.class);
    }
}
