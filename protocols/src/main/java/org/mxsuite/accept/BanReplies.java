package org.mxsuite.accept;

import java.time.temporal.ChronoUnit;

import org.mxsuite.ban.Ban;

/** What a banned client is told, the same on every protocol: who, why in short, and until when. */
final class BanReplies {
    private BanReplies() {
    }

    static String text(Ban ban) {
        return ban.address() + " is banned after too many failed logins; try again after "
            + ban.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    }
}
