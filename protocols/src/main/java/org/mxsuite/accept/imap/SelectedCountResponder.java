package org.mxsuite.accept.imap;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;

/**
 * Answers SELECT and EXAMINE with the EXISTS count of the messages the session can address. James 3.8.1 counts the
 * mailbox in the database after it read (or, selecting the same mailbox again, kept) the session's list of messages:
 * a delivery committed in between is counted but has no message number yet, and the client's FETCH of it gets
 * {@code BAD Invalid messageset}. RFC 3501 ties EXISTS to the message numbers the session can use; the session learns
 * of the new message from its delivery event and announces it with an EXISTS of its own, as for any new mail.
 */
final class SelectedCountResponder implements ImapProcessor.Responder {
    private final ImapSession session;
    private final ImapProcessor.Responder responder;

    SelectedCountResponder(ImapSession session, ImapProcessor.Responder responder) {
        this.session = session;
        this.responder = responder;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        SelectedMailbox selected = session.getSelected();
        if (message instanceof ExistsResponse && selected != null) {
            responder.respond(new ExistsResponse(selected.existsCount()));
        } else {
            responder.respond(message);
        }
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
