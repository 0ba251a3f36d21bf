package org.mxsuite.route.mailet;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.forward.ForwardChain;
import org.mxsuite.forward.Srs;
import org.mxsuite.route.TargetDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns mail sent to our SRS addresses (bounces of forwarded mail) to whom the address stands for: the original
 * sender, or the forwarder before us. Only bounces (the null sender) are returned: other mail to an SRS address was
 * refused at RCPT, and any that reaches this point another way (an alias of a local user pointing at one, mail we
 * made ourselves) is dropped and logged, since returning it would relay anyone's mail to whom the address stands for.
 * An address that does not verify is dropped and logged too.
 */
public class ReturnToSrsSender extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReturnToSrsSender.class);

    private final Srs srs;
    private final ForwardChain chain;
    private final TargetDelivery delivery;

    @Inject
    public ReturnToSrsSender(Srs srs, ForwardChain chain, TargetDelivery delivery) {
        this.srs = srs;
        this.chain = chain;
        this.delivery = delivery;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!mail.getMaybeSender().isNullSender()) {
            LOGGER.warn("dropping {} from {} to {}: SRS addresses take bounces (the null sender) only", mail.getName(),
                mail.getMaybeSender().asString(), mail.getRecipients());
            mail.setState(Mail.GHOST);
            return;
        }
        List<MailAddress> targets = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Srs.Reversal reversal = srs.reverse(recipient);
            if (reversal.address().isEmpty()) {
                LOGGER.warn("dropping {} to {}: {}", mail.getName(), recipient.asString(), reversal.refusal());
                continue;
            }
            ForwardChain.End end = chain.follow(reversal.address().get());
            if (end.target().isPresent()) {
                targets.add(end.target().get());
            } else {
                LOGGER.warn("dropping {} to {} ({}): {}", mail.getName(), recipient.asString(), reversal.address().get(), end.failure());
            }
        }
        if (!targets.isEmpty()) {
            LOGGER.info("returning {} from {} to {}", mail.getName(), mail.getMaybeSender().asString(), targets);
            delivery.send(getMailetContext(), mail, mail.getMaybeSender(), targets);
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Returns bounces sent to SRS addresses to the original sender";
    }
}
