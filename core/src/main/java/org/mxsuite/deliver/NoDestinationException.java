package org.mxsuite.deliver;

import org.mxsuite.deliver.smtp.SmtpReply;

/** No server to deliver to right now (DNS failure, every MX is ourselves): mail stays held. */
public class NoDestinationException extends Exception {
    private final SmtpReply reply;

    public NoDestinationException(SmtpReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
