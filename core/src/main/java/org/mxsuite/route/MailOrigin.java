package org.mxsuite.route;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.mxsuite.hold.Origin;

/**
 * The {@link Origin} of a mail as James's SMTP server marked it: the attributes of a logged-in client
 * ({@link Mail#SMTP_AUTH_USER}) and of a trusted network, and the client's address. Mail without a client address
 * was made on this server.
 */
public final class MailOrigin {
    /** Set by James's AddDefaultAttributesMessageHook for a client of its authorizedAddresses. */
    private static final AttributeName TRUSTED_NETWORK = AttributeName.of("org.apache.james.SMTPIsAuthNetwork");

    private MailOrigin() {
    }

    public static Origin of(Mail mail) {
        String client = mail.getRemoteAddr();
        if (mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent() || mail.getAttribute(TRUSTED_NETWORK).isPresent()
            || client == null || client.isBlank()) {
            return Origin.TRUSTED;
        }
        // without an IPv6 scope (fe80::1%eth0): the address as DNS and SPF know it
        int scope = client.indexOf('%');
        return Origin.unauthenticated(scope < 0 ? client : client.substring(0, scope), mail.getMaybeSender());
    }
}
