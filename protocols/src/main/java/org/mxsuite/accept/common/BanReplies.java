package org.mxsuite.accept.common;

import java.time.temporal.ChronoUnit;

import org.mxsuite.ban.Ban;

/** What a banned client is told, the same on every protocol: who, why in short, and until when. */
public final class BanReplies {
    private BanReplies() {
    }

    public static String text(Ban ban) {
        return ban.subject().display() + " is banned after too many failed logins; try again after "
            + ban.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Logins as one user name, suspended whoever tries. */
    public static String suspended(Ban ban) {
        return "logins as " + ban.subject().display() + " are suspended after too many failed attempts; try again after "
            + ban.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    }
}
