package org.mxsuite.accept.relay;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.relay.RelayCharge;

/** What the relay hooks of one SMTP transaction share: whose quota pays, and how many recipients were let through. */
final class RelaySession {
    private static final ProtocolSession.AttachmentKey<RelayCharge> CHARGE =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.charge", RelayCharge.class);
    private static final ProtocolSession.AttachmentKey<Integer> RECIPIENTS =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.recipients", Integer.class);
    private static final ProtocolSession.AttachmentKey<Integer> USED_TODAY =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.used", Integer.class);
    private static final ProtocolSession.AttachmentKey<Long> USED_THIS_HOUR =
        ProtocolSession.AttachmentKey.of("mxsuite.relay.usedhour", Long.class);

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

    /**
     * The sending domain's relays of the day, read from the store at the transaction's first counted RCPT only: the
     * RCPT check is a forecast (the count at the end of DATA is the exact one), and needs no read per recipient.
     */
    static int usedToday(SMTPSession session, IntSupplier read) {
        return readOnce(session, USED_TODAY, read::getAsInt);
    }

    /** The sending domain's relays of the hour, read once per transaction as {@link #usedToday} is. */
    static long usedThisHour(SMTPSession session, LongSupplier read) {
        return readOnce(session, USED_THIS_HOUR, read::getAsLong);
    }

    private static <T> T readOnce(SMTPSession session, ProtocolSession.AttachmentKey<T> key, Supplier<T> read) {
        Optional<T> known = session.getAttachment(key, ProtocolSession.State.Transaction);
        if (known.isPresent()) {
            return known.get();
        }
        T value = read.get();
        session.setAttachment(key, value, ProtocolSession.State.Transaction);
        return value;
    }
}
