package org.mxsuite.route.mailet;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.route.TargetDelivery;

/**
 * Moves the mail's recipients into the hold queue, one held message per recipient domain, and ends its way
 * through James (GHOST). The delivery engine takes it from there.
 */
public class HoldForDelivery extends GenericMailet {
    private final TargetDelivery delivery;

    @Inject
    public HoldForDelivery(TargetDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        delivery.hold(mail, mail.getMaybeSender(), mail.getRecipients());
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Holds mail for backup and relay domains until their server takes it";
    }
}
