package org.mxsuite.accept.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.RenameCommandParser;

/** James's RENAME parser, answering BAD to a malformed modified UTF-7 name, old or new ({@link MalformedMailboxNames}). */
public class BadAnsweringRenameCommandParser extends RenameCommandParser {
    @Inject
    public BadAnsweringRenameCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        return MalformedMailboxNames.refusedAsBad(() -> super.decode(request, tag, session));
    }
}
