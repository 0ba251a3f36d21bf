package org.mxsuite.route.match;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.mxsuite.forward.Srs;

/** Matches the recipients that are SRS addresses of our SRS domain (bounces of forwarded mail). */
public class RecipientIsSrsAddress extends GenericMatcher {
    private final Srs srs;

    @Inject
    public RecipientIsSrsAddress(Srs srs) {
        this.srs = srs;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> srs.isOurs(recipient) && Srs.isSrs(recipient))
            .collect(Collectors.toList());
    }
}
