package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.relay.InboundSenderIdentityHook;
import org.mxsuite.accept.relay.SenderIdentityHook;

class SmtpHandlersTest {
    private static final Path SMTPSERVER_XML = Path.of("..", "james-conf", "smtpserver.xml");

    @Test
    void everyHandlerIsAProtocolHandlerAndJamesCoreHandlersComeLast() throws Exception {
        List<String> handlers = new InboundSmtpHandlers().getHandlers();
        List<String> core = new CoreCmdHandlerLoader().getHandlers();

        assertThat(handlers.subList(handlers.size() - core.size(), handlers.size())).isEqualTo(core);
        for (String handler : handlers) {
            assertThat(ProtocolHandler.class.isAssignableFrom(Class.forName(handler))).as(handler).isTrue();
        }
        assertThat(handlers).doesNotHaveDuplicates();
    }

    @Test
    void theServersDifferInWhoTheSenderIdentityHookChecksOnly() {
        List<String> inbound = new ArrayList<>(new InboundSmtpHandlers().getHandlers());
        List<String> submission = new ArrayList<>(new SubmissionSmtpHandlers().getHandlers());
        int identity = inbound.indexOf(InboundSenderIdentityHook.class.getName());

        assertThat(identity).isPositive();
        assertThat(submission.get(identity)).isEqualTo(SenderIdentityHook.class.getName());
        inbound.remove(identity);
        submission.remove(identity);
        assertThat(inbound).isEqualTo(submission);
    }

    @Test
    void theChecksRunInTheirDocumentedOrder() {
        List<String> handlers = new SubmissionSmtpHandlers().getHandlers();

        assertThat(handlers.get(0)).isEqualTo(MessageSizeReply.class.getName());
        assertThat(handlers).containsSubsequence("org.mxsuite.accept.check.DnsWaitLineHandler",
            MaxRecipientsRcptHook.class.getName(), "org.mxsuite.accept.dnsbl.DnsblRcptHook",
            "org.mxsuite.accept.client.ReverseDnsRcptHook", "org.mxsuite.accept.client.SenderDomainRcptHook",
            "org.mxsuite.accept.greylist.GreylistRcptHook", "org.mxsuite.accept.verify.VerifiedRecipientRcptHook",
            HostedDomainRcptHook.class.getName(),
            "org.mxsuite.accept.relay.RelayQuotaMessageHook", SmtpBanConnectHandler.class.getName(),
            SmtpConnectionLimits.class.getName(), SmtpAuthHook.class.getName(),
            "org.apache.james.smtpserver.JamesWelcomeMessageHandler");
    }

    /** smtpserver.xml lists no handler of its own: each server names one of the two packages. */
    @Test
    void everySmtpServerIsBuiltFromOneOfTheTwoPackages() throws Exception {
        String xml = Files.readString(SMTPSERVER_XML);
        Matcher chains = Pattern.compile("<handlerchain([^>]*)>").matcher(xml);
        List<String> packages = new ArrayList<>();
        while (chains.find()) {
            Matcher name = Pattern.compile("coreHandlersPackage=\"([^\"]+)\"").matcher(chains.group(1));
            packages.add(name.find() ? name.group(1) : "(none)");
        }

        assertThat(xml).doesNotContain("<handler ");
        assertThat(packages).containsExactly(InboundSmtpHandlers.class.getName(), InboundSmtpHandlers.class.getName(),
            SubmissionSmtpHandlers.class.getName(), SubmissionSmtpHandlers.class.getName(),
            SubmissionSmtpHandlers.class.getName(), SubmissionSmtpHandlers.class.getName(),
            SubmissionSmtpHandlers.class.getName());
    }
}
