package org.mxsuite.route.mailet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.deliver.BackscatterGuard;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.deliver.MailetContextBouncer;
import org.mxsuite.deliver.RecipientStatus;
import org.mxsuite.forward.ForwardChain;
import org.mxsuite.forward.Srs;
import org.mxsuite.route.MailOrigin;
import org.mxsuite.route.TargetDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the mail of forward domains: each recipient to its target (following our own forward domains), the
 * envelope sender rewritten with SRS so that the target's SPF check passes and bounces come back to us (the null
 * sender stays null), the message untouched. Through the hold queue, so retries, delay warnings and DSNs are those of
 * the backup MX. A recipient that cannot be forwarded (a loop) is returned to the sender.
 */
public class ForwardToTarget extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardToTarget.class);

    private final ForwardChain chain;
    private final Srs srs;
    private final TargetDelivery delivery;
    private final LocalIdentity self;
    private final BackscatterGuard guard;

    @Inject
    public ForwardToTarget(ForwardChain chain, Srs srs, TargetDelivery delivery, LocalIdentity self, BackscatterGuard guard) {
        this.chain = chain;
        this.srs = srs;
        this.delivery = delivery;
        this.self = self;
        this.guard = guard;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> targets = new ArrayList<>();
        List<RecipientStatus> failures = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            ForwardChain.End end = chain.follow(recipient);
            if (end.target().isPresent()) {
                targets.add(end.target().get());
            } else {
                failures.add(RecipientStatus.failed(recipient, "550 " + end.failure(), Optional.empty(), Optional.empty()));
            }
        }
        MaybeSender sender = mail.getMaybeSender().isNullSender() ? MaybeSender.nullSender()
            : MaybeSender.of(srs.forward(mail.getMaybeSender().get()));
        if (!targets.isEmpty()) {
            LOGGER.info("forwarding {} from {} as {} to {}", mail.getName(), mail.getMaybeSender().asString(), sender.asString(), targets);
            delivery.send(getMailetContext(), mail, sender, targets);
        }
        if (!failures.isEmpty()) {
            LOGGER.warn("not forwarding {} from {}: {}", mail.getName(), mail.getMaybeSender().asString(), failures);
            if (!mail.getMaybeSender().isNullSender()) {
                returnToSender(mail, failures);
            }
        }
        mail.setState(Mail.GHOST);
    }

    /** The same RFC 3464 report as held mail gets, from the null sender (James's own bounce is a plain reply). */
    private void returnToSender(Mail mail, List<RecipientStatus> failures) throws MessagingException {
        MailetContextBouncer.returnToSender(getMailetContext(), guard, MailOrigin.of(mail), self.heloName(), mail.getMaybeSender().get(),
            Optional.ofNullable(mail.getLastUpdated()).map(Date::toInstant).orElseGet(Instant::now),
            new MimeMessageInputStream(mail.getMessage()), failures);
    }

    @Override
    public String getMailetInfo() {
        return "Forwards the mail of forward domains to their targets, with SRS";
    }
}
