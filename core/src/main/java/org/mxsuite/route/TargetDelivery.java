package org.mxsuite.route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HandOff;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Origin;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.hold.SpoolFileContent;
import org.mxsuite.trace.ArrivalTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a mail's content on to recipients the way each recipient's domain is served: into the hold queue (one held
 * message per domain) for backup and relay domains and for domains elsewhere (delivered by MX lookup), handed back
 * to James for mailbox domains and James's own domains (local delivery). The delivery engine takes held mail from there.
 */
public final class TargetDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(TargetDelivery.class);

    private final HostedDomainStore domains;
    private final HoldQueue queue;
    private final QueueUsageCache usage;
    private final DeliveryEngine engine;
    private final ArrivalTrace trace;

    public TargetDelivery(HostedDomainStore domains, HoldQueue queue, QueueUsageCache usage, DeliveryEngine engine) {
        this(domains, queue, usage, engine, ArrivalTrace.OFF);
    }

    @Inject
    public TargetDelivery(HostedDomainStore domains, HoldQueue queue, QueueUsageCache usage, DeliveryEngine engine, ArrivalTrace trace) {
        this.domains = domains;
        this.queue = queue;
        this.usage = usage;
        this.engine = engine;
        this.trace = trace;
    }

    /**
     * Holds {@code mail}'s content for {@code recipients}, with {@code sender} as envelope sender, once: a mail that
     * James's spool hands over again after a crash (it forgets a mail only when the mailets are done with it) is
     * found held already, domain by domain, and not held twice.
     */
    public void hold(Mail mail, MaybeSender sender, Collection<MailAddress> recipients) throws MessagingException {
        Optional<SpoolFileContent> spooled = Optional.empty();
        boolean contentLooked = false;
        // who gave us the mail, and the sender it gave (not the SRS one a forward holds): whether DSNs go to it
        Origin origin = MailOrigin.of(mail);
        for (Map.Entry<DomainName, List<MailAddress>> domain : byDomain(recipients).entrySet()) {
            HandOff handOff = HandOff.of(mail.getName(), sender, domain.getValue());
            Optional<HeldMessageId> earlier = queue.heldAs(handOff, domain.getKey());
            if (earlier.isPresent()) {
                LOGGER.info("{} from {} for {} was held as {} before the restart: not held again", mail.getName(),
                    sender.asString(), domain.getValue(), earlier.get());
                continue;
            }
            if (!contentLooked) {
                spooled = spooledContent(mail.getMessage());
                contentLooked = true;
            }
            // a header-modified message would count its size by writing itself out: the spool file knows it
            long size = spooled.isPresent() ? spooled.get().length() : mail.getMessageSize();
            // counted before the hold waits for the disk (up to a checkpoint's spacing): the quota checks of the
            // next RCPT see the message as soon as the queue lists it; taken back if the hold fails
            usage.held(domain.getKey(), size);
            boolean held = false;
            try {
                HeldMessageId id = spooled.isPresent()
                    ? queue.holdSpooled(handOff, domain.getKey(), sender, domain.getValue(), origin, spooled.get())
                    : holdCopy(handOff, mail, sender, origin, domain);
                held = true;
                LOGGER.info("held {} from {} for {} as {}", mail.getName(), sender.asString(), domain.getValue(), id);
                trace.held(mail, sender, domain.getValue(), id.asString(), size);
            } catch (IOException e) {
                throw new MessagingException("cannot hold " + mail.getName() + " for " + domain.getKey(), e);
            } finally {
                if (!held) {
                    usage.released(domain.getKey(), size);
                }
            }
            engine.wake(domain.getKey());
        }
    }

    private HeldMessageId holdCopy(HandOff handOff, Mail mail, MaybeSender sender, Origin origin,
                                   Map.Entry<DomainName, List<MailAddress>> domain) throws IOException, MessagingException {
        try (InputStream content = new MimeMessageInputStream(mail.getMessage())) {
            return queue.hold(handOff, domain.getKey(), sender, domain.getValue(), origin, content);
        }
    }

    /**
     * The spool file of a message read from the embedded server's spool whose bytes have not changed since: the
     * hold queue can take that file as it is rather than have the body written again. James's RemoveMimeHeader (Bcc),
     * which James requires on every mail, marks the headers modified even when it removes nothing: then the header
     * lines are compared with the file's.
     */
    private static Optional<SpoolFileContent> spooledContent(MimeMessage message) throws MessagingException {
        if (!(message instanceof MimeMessageWrapper) || ((MimeMessageWrapper) message).isBodyModified()) {
            return Optional.empty();
        }
        MimeMessageWrapper wrapper = (MimeMessageWrapper) message;
        try {
            Optional<SpoolFileContent> spooled = SpoolFileContent.ofSource(wrapper.getSourceId());
            if (spooled.isEmpty() || !wrapper.isHeaderModified()) {
                return spooled;
            }
            return startsWithHeaderBlock(spooled.get(), wrapper.getAllHeaderLines()) ? spooled : Optional.empty();
        } catch (IOException e) {
            LOGGER.debug("the spool file of {} cannot be taken as it is ({}); its content is copied", wrapper.getSourceId(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether the spooled content begins with exactly these header lines and the blank line after them: then it is
     * what the message would write (a byte comparison: parsing the file's header again was a sixth of the cost of a
     * hold, measured).
     */
    private static boolean startsWithHeaderBlock(SpoolFileContent spooled, Enumeration<String> lines) throws IOException {
        StringBuilder block = new StringBuilder(2048);
        while (lines.hasMoreElements()) {
            block.append(lines.nextElement()).append("\r\n");
        }
        byte[] expected = block.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream content = spooled.open()) {
            return Arrays.equals(content.readNBytes(expected.length), expected);
        }
    }

    /** Holds for the targets of held or external domains; gives those of mailbox domains back to James. */
    public void send(MailetContext context, Mail mail, MaybeSender sender, Collection<MailAddress> targets) throws MessagingException {
        List<MailAddress> localRecipients = new ArrayList<>();
        List<MailAddress> held = new ArrayList<>();
        for (MailAddress target : targets) {
            boolean mailbox = context.isLocalServer(target.getDomain()) || domains.get(DomainName.of(target.getDomain().asString()))
                .map(HostedDomain::service).filter(service -> service == ServiceKind.MAILBOX).isPresent();
            (mailbox ? localRecipients : held).add(target);
        }
        if (!held.isEmpty()) {
            hold(mail, sender, held);
        }
        if (!localRecipients.isEmpty()) {
            MailImpl.Builder local = MailImpl.builder()
                .name(mail.getName() + "-local")
                .sender(sender)
                .addRecipients(localRecipients)
                .mimeMessage(mail.getMessage());
            // a forward processed again after a crash may have sent this copy already: its delivery looks first
            mail.getAttribute(RecoveredMail.ATTRIBUTE).ifPresent(local::addAttribute);
            MailImpl copy = local.build();
            try {
                context.sendMail(copy);
            } finally {
                copy.dispose();
            }
        }
    }

    private static Map<DomainName, List<MailAddress>> byDomain(Collection<MailAddress> recipients) {
        Map<DomainName, List<MailAddress>> byDomain = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            byDomain.computeIfAbsent(DomainName.of(recipient.getDomain().asString()), domain -> new ArrayList<>()).add(recipient);
        }
        return byDomain;
    }
}
