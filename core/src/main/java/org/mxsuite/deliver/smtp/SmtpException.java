package org.mxsuite.deliver.smtp;

import java.io.IOException;

/** The conversation with a destination failed: it refused to talk, or the connection broke. */
public class SmtpException extends IOException {
    private final SmtpReply reply;

    public SmtpException(SmtpReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    public SmtpException(SmtpReply reply, Throwable cause) {
        super(reply.toString(), cause);
        this.reply = reply;
    }

    /** The reply that ended the conversation, or one made up for a network failure (4xx). */
    public SmtpReply reply() {
        return reply;
    }
}
