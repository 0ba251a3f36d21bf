package org.mxsuite.accept.common;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.limit.Charge;

/**
 * Traffic charges a message hook counted for the current transaction, so that a later hook refusing the message gives
 * them back: a refused message counts nothing, whichever hook refuses it.
 */
public final class TakenCharges {
    @SuppressWarnings("rawtypes")
    private static final ProtocolSession.AttachmentKey<List> KEY = ProtocolSession.AttachmentKey.of("mxsuite.limit.taken", List.class);

    private TakenCharges() {
    }

    @SuppressWarnings("unchecked")
    public static List<Charge> of(SMTPSession session) {
        return session.getAttachment(KEY, ProtocolSession.State.Transaction).map(list -> (List<Charge>) list).orElse(List.of());
    }

    public static void add(SMTPSession session, List<Charge> charges) {
        List<Charge> all = new ArrayList<>(of(session));
        all.addAll(charges);
        session.setAttachment(KEY, all, ProtocolSession.State.Transaction);
    }
}
