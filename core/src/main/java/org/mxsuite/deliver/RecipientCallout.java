package org.mxsuite.deliver;

import org.apache.james.core.MailAddress;
import org.mxsuite.deliver.smtp.OpportunisticTls;
import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.domain.HostedDomain;

/**
 * Asks a domain's destination whether it would take a recipient, sending nothing: connect, EHLO, STARTTLS as the
 * domain's {@code tls} says, {@code MAIL FROM:<>}, {@code RCPT TO}, {@code RSET}, {@code QUIT}. The connection is opened
 * as a delivery opens it (the same destinations in the same order, loop check, TLS rules), so the answer is the one a
 * delivery would get. The null sender is what Postfix's recipient verification sends too: a server that checks the
 * sender cannot refuse it.
 */
public final class RecipientCallout {
    private final DestinationConnector connector;
    private final Timeouts timeouts;

    public RecipientCallout(DestinationResolver resolver, LocalIdentity self, OutboundTls tls, Timeouts timeouts) {
        this.connector = new DestinationConnector(resolver, new Handshake(self, OpportunisticTls.context().getSocketFactory()), tls);
        this.timeouts = timeouts;
    }

    /**
     * The destination's reply to {@code RCPT TO:<recipient>}. {@link SmtpException} when the conversation ended before
     * it: no destination answered, the connection broke (a made-up 4xx), or the greeting or {@code MAIL FROM:<>} was
     * refused, which says nothing of the recipient; {@link NoDestinationException} when the domain has none.
     */
    public SmtpReply ask(HostedDomain domain, MailAddress recipient) throws SmtpException, NoDestinationException {
        SmtpConnection connection = connector.connect(domain, timeouts);
        try {
            SmtpReply mail = connection.command("MAIL FROM:<>");
            if (!mail.isPositive()) {
                throw new SmtpException(mail);
            }
            SmtpReply rcpt = connection.command("RCPT TO:<" + recipient.asString() + ">");
            try {
                connection.rset();
            } catch (SmtpException e) {
                // the answer is in; how the server ends the conversation does not change it
            }
            connection.quit();
            return rcpt;
        } finally {
            connection.close();
        }
    }
}
