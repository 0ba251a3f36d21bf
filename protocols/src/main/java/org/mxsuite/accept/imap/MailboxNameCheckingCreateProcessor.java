package org.mxsuite.accept.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James's IMAP CREATE, refusing the mailbox names {@link MailboxNames} refuses ({@code NO}, nothing created). */
public class MailboxNameCheckingCreateProcessor extends CreateProcessor {
    @Inject
    public MailboxNameCheckingCreateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder responder) {
        Optional<String> refusal = MailboxNames.refusal(request.getMailboxName());
        if (refusal.isPresent()) {
            return Mono.fromRunnable(() -> no(request, responder, new HumanReadableText("org.mxsuite.imap.MAILBOX_NAME", refusal.get())));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
