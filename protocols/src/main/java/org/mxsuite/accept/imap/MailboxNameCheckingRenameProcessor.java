package org.mxsuite.accept.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James's IMAP RENAME, refusing a new name that {@link MailboxNames} refuses ({@code NO}, nothing renamed). */
public class MailboxNameCheckingRenameProcessor extends RenameProcessor {
    @Inject
    public MailboxNameCheckingRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        Optional<String> refusal = MailboxNames.refusal(request.getNewName());
        if (refusal.isPresent()) {
            return Mono.fromRunnable(() -> no(request, responder, new HumanReadableText("org.mxsuite.imap.MAILBOX_NAME", refusal.get())));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
