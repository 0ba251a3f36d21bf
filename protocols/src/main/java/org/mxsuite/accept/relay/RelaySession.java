package org.mxsuite.accept.relay;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.relay.RelayCharge;

/** What the relay hooks of one SMTP transaction share: whose quota pays, and how many recipients were let through. */
final class RelaySession {
    private static final ProtocolSession.AttachmentKey<RelayCharge> CHARGE =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.charge", RelayCharge.class);
    private static final ProtocolSession.AttachmentKey<Integer> RECIPIENTS =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.recipients", Integer.class);

    private RelaySession() {
    }

    static void charge(SMTPSession session, RelayCharge charge) {
        session.setAttachment(CHARGE, charge, ProtocolSession.State.Transaction);
    }

    /** The charge decided at MAIL FROM; empty for mail that is not relayed for a logged-in client. */
    static Optional<RelayCharge> charge(SMTPSession session) {
        return session.getAttachment(CHARGE, ProtocolSession.State.Transaction);
    }

    static int countedRecipients(SMTPSession session) {
        return session.getAttachment(RECIPIENTS, ProtocolSession.State.Transaction).orElse(0);
    }

    static void recipientCounted(SMTPSession session) {
        session.setAttachment(RECIPIENTS, countedRecipients(session) + 1, ProtocolSession.State.Transaction);
    }
}
