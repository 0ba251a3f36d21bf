package org.mxsuite.accept.imap;

import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.mxsuite.accept.common.BanReplies;
import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BruteForceGuard;

/** The IMAP refusal of a banned client: {@code * BYE} with the reason, then James closes the connection. */
final class ImapBans {
    private ImapBans() {
    }

    /** @return true when the client is banned and has been told so */
    static boolean refuseIfBanned(BruteForceGuard guard, ImapSession session, Consumer<HumanReadableText> bye, Runnable flush) {
        Optional<Ban> ban = ImapClientAddress.of(session).flatMap(guard::banOf);
        if (ban.isEmpty()) {
            return false;
        }
        bye.accept(new HumanReadableText("org.mxsuite.BANNED", BanReplies.text(ban.get())));
        // written now: James closes the connection as soon as the command ends in LOGOUT state
        flush.run();
        // LOGOUT state: James's IMAP server closes the connection once the BYE is written
        session.logout().block();
        return true;
    }
}
