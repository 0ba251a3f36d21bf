package org.mxsuite.accept.check;

import java.util.concurrent.CompletableFuture;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * A hook that waits for DNS answers (or another network answer: recipient verification asks the customer's server)
 * says here, before its command runs, which lookups it will wait for: it starts
 * them (without waiting) and returns what completes once they are answered, or have timed out. {@link DnsWaitLineHandler}
 * holds the command back until then, off the connection's event loop, so that the hook finds its answers ready.
 */
public interface DnsLookupsAhead {
    CompletableFuture<Void> NOTHING = CompletableFuture.completedFuture(null);

    /** Lookups the MAIL hook will wait for. */
    default CompletableFuture<?> beforeMail(SMTPSession session, MaybeSender sender) {
        return NOTHING;
    }

    /** Lookups the RCPT hook will wait for; {@code sender} is the transaction's MAIL FROM. */
    default CompletableFuture<?> beforeRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        return NOTHING;
    }
}
