package org.mxsuite.deliver.smtp;

import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/** What the destination said to one mail transaction: to MAIL, to each RCPT, and after the content. */
public final class TransactionResult {
    private final SmtpReply mailReply;
    private final Map<MailAddress, SmtpReply> recipientReplies;
    private final Optional<SmtpReply> dataReply;
    /** Recipients never sent to the server, with the reason: theirs whatever the server said to the rest. */
    private final Map<MailAddress, SmtpReply> refusedHere;

    TransactionResult(SmtpReply mailReply, Map<MailAddress, SmtpReply> recipientReplies, Optional<SmtpReply> dataReply) {
        this(mailReply, recipientReplies, dataReply, Map.of());
    }

    private TransactionResult(SmtpReply mailReply, Map<MailAddress, SmtpReply> recipientReplies, Optional<SmtpReply> dataReply,
                              Map<MailAddress, SmtpReply> refusedHere) {
        this.mailReply = mailReply;
        this.recipientReplies = Map.copyOf(recipientReplies);
        this.dataReply = dataReply;
        this.refusedHere = Map.copyOf(refusedHere);
    }

    TransactionResult withRefusedHere(Map<MailAddress, SmtpReply> refused) {
        return refused.isEmpty() ? this : new TransactionResult(mailReply, recipientReplies, dataReply, refused);
    }

    /** The reply after the content; empty when no recipient was accepted. */
    public Optional<SmtpReply> dataReply() {
        return dataReply;
    }

    /** The final word for one recipient: its RCPT reply if refused, else the reply to the content. */
    public SmtpReply replyFor(MailAddress recipient) {
        if (refusedHere.containsKey(recipient)) {
            return refusedHere.get(recipient);
        }
        if (!mailReply.isPositive()) {
            return mailReply;
        }
        SmtpReply rcpt = recipientReplies.get(recipient);
        if (rcpt == null || !rcpt.isPositive()) {
            return rcpt == null ? SmtpReply.local(451, "4.3.0", "no reply to RCPT") : rcpt;
        }
        return dataReply.orElse(SmtpReply.local(451, "4.3.0", "no reply to DATA"));
    }

    /**
     * Whether the recipient was refused for good. A 552 to RCPT is not: RFC 821 gave "too many recipients" that
     * code, and RFC 5321 section 4.5.3.1.10 asks clients to take it as the 452 it should have been.
     */
    public boolean isPermanentFor(MailAddress recipient) {
        if (refusedHere.containsKey(recipient)) {
            return true;
        }
        SmtpReply rcpt = recipientReplies.get(recipient);
        boolean tooManyRecipients = mailReply.isPositive() && rcpt != null && rcpt.code() == 552;
        return !tooManyRecipients && replyFor(recipient).isPermanent();
    }
}
