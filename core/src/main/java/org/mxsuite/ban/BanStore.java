package org.mxsuite.ban;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed logins and bans, shared by every protocol and every node of one state store. */
public interface BanStore {
    /**
     * Records one failed login against {@code subject} at {@code at}, forgets its failures older than {@code since},
     * and returns how many failures it has from {@code since} on, this one included.
     */
    int recordFailure(BanSubject subject, Protocol protocol, Instant at, Instant since);

    /** Bans the subject, replacing any ban it had, and forgets its counted failures. */
    void ban(Ban ban);

    /** The subject's ban if it has one still in force at {@code now}. */
    Optional<Ban> activeBan(BanSubject subject, Instant now);

    /** Bans in force at {@code now}, by subject. */
    List<Ban> activeBans(Instant now);

    /** Lifts the subject's ban and forgets its failures; false if it had no ban in force. */
    boolean lift(BanSubject subject, Instant now);

    /** Drops bans expired before {@code now} and failures older than {@code failuresBefore}. */
    void purge(Instant now, Instant failuresBefore);
}
