package org.mxsuite.accept.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.utils.PropertiesProvider;
import org.apache.mailet.Mail;
import org.mxsuite.accept.check.CheckOutcomes;
import org.mxsuite.accept.check.InboundCheckGate;
import org.mxsuite.domain.InboundCheck;
import org.mxsuite.config.SuiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message sanity at the end of DATA, before the message is accepted: one From:, one Date:, well-formed header lines,
 * no bare LF, a valid From: ({@code headerChecks.<rule>} switch each rule). A bad message gets 550 5.6.0 with the
 * reason. DATA is one answer for all recipients: the message is checked when the check is on for any of them.
 */
public class HeaderChecksMessageHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(HeaderChecksMessageHook.class);

    private final InboundCheckGate gate;
    private final CheckOutcomes outcomes;
    private final MessageSanity sanity;

    @Inject
    public HeaderChecksMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, PropertiesProvider properties) throws ConfigurationException {
        this(gate, outcomes, new MessageSanity(rules(SuiteProperties.read(properties))));
    }

    public HeaderChecksMessageHook(InboundCheckGate gate, CheckOutcomes outcomes, MessageSanity sanity) {
        this.gate = gate;
        this.outcomes = outcomes;
        this.sanity = sanity;
    }

    static Set<HeaderRule> rules(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        Set<HeaderRule> rules = EnumSet.noneOf(HeaderRule.class);
        for (HeaderRule rule : HeaderRule.values()) {
            if (configuration.getBoolean("headerChecks." + rule.key())) {
                rules.add(rule);
            }
        }
        return rules;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (!sanity.checksAnything()) {
            return HookResult.DECLINED;
        }
        Optional<MailAddress> checked = gate.firstRecipientChecked(InboundCheck.HEADER_CHECKS, session, mail.getRecipients());
        if (checked.isEmpty()) {
            return HookResult.DECLINED;
        }
        Optional<String> problem;
        try (InputStream raw = new BufferedInputStream(new MimeMessageInputStream(mail.getMessage()))) {
            problem = sanity.firstProblem(raw);
        } catch (IOException | MessagingException e) {
            // the message could not be read back: nothing can be concluded, James's own handling decides
            LOGGER.warn("Cannot read message {} back for the header checks", mail.getName(), e);
            outcomes.count(InboundCheck.HEADER_CHECKS, "unreadable");
            return HookResult.DECLINED;
        }
        if (problem.isEmpty()) {
            outcomes.count(InboundCheck.HEADER_CHECKS, "passed");
            return HookResult.DECLINED;
        }
        return outcomes.refuse(InboundCheck.HEADER_CHECKS, "rejected", session, mail.getMaybeSender(), checked.get(), "550",
            "5.6.0 Message rejected: " + problem.get());
    }
}
