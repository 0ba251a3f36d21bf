package org.mxsuite.accept.common;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;

/** The SIZE of MAIL FROM (RFC 1870), as James's SIZE extension keeps it in the transaction. */
public final class DeclaredSize {
    /** Same name and type as James's MailSizeEsmtpExtension key, which is private. */
    private static final ProtocolSession.AttachmentKey<Integer> KEY = ProtocolSession.AttachmentKey.of("MESG_SIZE", Integer.class);

    private DeclaredSize() {
    }

    /** The announced size in bytes; 0 when the client gave none. */
    public static long of(SMTPSession session) {
        return session.getAttachment(KEY, ProtocolSession.State.Transaction).map(Integer::longValue).orElse(0L);
    }
}
