package org.mxsuite.accept;

import javax.inject.Inject;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.CreateCommandParser;
import org.apache.james.imap.api.ImapMessage;

/** James's CREATE parser, answering BAD to a malformed modified UTF-7 name ({@link MalformedMailboxNames}). */
public class ImapCreateCommandParser extends CreateCommandParser {
    @Inject
    public ImapCreateCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        return MalformedMailboxNames.refusedAsBad(() -> super.decode(request, tag, session));
    }
}
