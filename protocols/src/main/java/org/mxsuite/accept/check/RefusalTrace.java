package org.mxsuite.accept.check;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceRecorder;

/**
 * Records every refusal at SMTP time in the delivery trace, whichever hook gave it (greylisting, blocklists, sender and
 * client checks, limits, recipient verification...), with the reply: James hands each hook's result to every
 * {@link HookResultHook}, so one observer sees them all, and a new check is traced without a word of its own. James
 * does not say which recipient a result is for: listed first, this hook notes the envelope as each command arrives
 * (MAIL, RCPT, the message at the end of DATA) and lets the command on. A refusal at RCPT is traced under the
 * recipient's domain; at the end of DATA once per recipient; before any recipient with no domain.
 */
public class RefusalTrace implements HookResultHook, MailHook, RcptHook, JamesMessageHook {
    private static final AttachmentKey<MaybeSender> SENDER = AttachmentKey.of("mxsuite.trace.sender", MaybeSender.class);
    private static final AttachmentKey<MailAddress> RECIPIENT = AttachmentKey.of("mxsuite.trace.recipient", MailAddress.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<List<MailAddress>> MESSAGE_RECIPIENTS = AttachmentKey.of("mxsuite.trace.message", (Class) List.class);
    private static final ProtocolSession.State TRANSACTION = ProtocolSession.State.Transaction;

    private final TraceRecorder recorder;
    private final Clock clock;

    @Inject
    public RefusalTrace(TraceRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        session.setAttachment(SENDER, sender, TRANSACTION);
        session.removeAttachment(RECIPIENT, TRANSACTION);
        session.removeAttachment(MESSAGE_RECIPIENTS, TRANSACTION);
        return HookResult.DECLINED;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        session.setAttachment(RECIPIENT, recipient, TRANSACTION);
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        session.setAttachment(MESSAGE_RECIPIENTS, List.copyOf(mail.getRecipients()), TRANSACTION);
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        HookReturnCode.Action action = result.getResult().getAction();
        if (action == HookReturnCode.Action.DENY || action == HookReturnCode.Action.DENYSOFT) {
            record(session, result, action == HookReturnCode.Action.DENY);
        }
        return result;
    }

    private void record(SMTPSession session, HookResult result, boolean permanent) {
        Instant now = clock.instant();
        String sender = session.getAttachment(SENDER, TRANSACTION).map(maybe -> maybe.asString("")).orElse("");
        Optional<String> client = Optional.ofNullable(session.getRemoteAddress()).map(address -> address.getAddress().getHostAddress());
        String reply = replyOf(result, permanent);
        List<MailAddress> recipients = refusedRecipients(session);
        if (recipients.isEmpty()) {
            recorder.record(TraceEvent.builder(TraceOutcome.REFUSED, now, "").sender(sender).client(client).reply(reply).build());
        }
        for (MailAddress recipient : recipients) {
            recorder.record(TraceEvent.builder(TraceOutcome.REFUSED, now, recipient.getDomain().asString())
                .sender(sender).recipient(recipient.asString()).client(client).reply(reply).build());
        }
    }

    /** At the end of DATA the message's recipients; at RCPT the one asked for; before that none. */
    private static List<MailAddress> refusedRecipients(SMTPSession session) {
        Optional<List<MailAddress>> message = session.getAttachment(MESSAGE_RECIPIENTS, TRANSACTION);
        if (message.isPresent()) {
            return message.get();
        }
        List<MailAddress> one = new ArrayList<>(1);
        session.getAttachment(RECIPIENT, TRANSACTION).ifPresent(one::add);
        return one;
    }

    /** The reply the hook gave; James's own default where it gave none. */
    private static String replyOf(HookResult result, boolean permanent) {
        String code = result.getSmtpRetCode();
        String description = result.getSmtpDescription();
        if (code == null) {
            return permanent ? "554 refused (James's default reply)" : "451 deferred (James's default reply)";
        }
        return description == null ? code : code + " " + description;
    }
}
