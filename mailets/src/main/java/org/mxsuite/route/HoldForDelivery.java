package org.mxsuite.route;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsageCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the mail's recipients into the hold queue, one held message per recipient domain, and ends its way
 * through James (GHOST). The delivery engine takes it from there.
 */
public class HoldForDelivery extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(HoldForDelivery.class);

    private final HoldQueue queue;
    private final QueueUsageCache usage;
    private final DeliveryEngine engine;

    @Inject
    public HoldForDelivery(HoldQueue queue, QueueUsageCache usage, DeliveryEngine engine) {
        this.queue = queue;
        this.usage = usage;
        this.engine = engine;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<DomainName, List<MailAddress>> byDomain = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            byDomain.computeIfAbsent(DomainName.of(recipient.getDomain().asString()), domain -> new ArrayList<>()).add(recipient);
        }
        for (Map.Entry<DomainName, List<MailAddress>> domain : byDomain.entrySet()) {
            try (InputStream content = new MimeMessageInputStream(mail.getMessage())) {
                HeldMessageId id = queue.hold(domain.getKey(), mail.getMaybeSender(), domain.getValue(), content);
                LOGGER.info("held {} from {} for {} as {}", mail.getName(), mail.getMaybeSender().asString(), domain.getValue(), id);
            } catch (IOException e) {
                throw new MessagingException("cannot hold " + mail.getName() + " for " + domain.getKey(), e);
            }
            usage.held(domain.getKey(), mail.getMessageSize());
            engine.wake(domain.getKey());
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Holds mail for backup and relay domains until their server takes it";
    }
}
