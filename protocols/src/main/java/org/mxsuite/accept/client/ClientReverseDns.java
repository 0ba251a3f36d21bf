package org.mxsuite.accept.client;

import java.util.concurrent.CompletableFuture;

import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.accept.check.SessionLookups;
import org.mxsuite.dns.ForwardConfirmedReverseDns;
import org.mxsuite.dns.ReverseDnsVerdict;

/** The client's forward-confirmed reverse DNS, looked up once per connection for the checks that need it. */
public final class ClientReverseDns {
    private static final SessionLookups<ReverseDnsVerdict> LOOKUP = SessionLookups.perConnection("mxsuite.reversedns.lookup");

    private ClientReverseDns() {
    }

    /** The verdict, due within {@code dns.timeout} of the first time it was asked for on this connection. */
    public static CompletableFuture<ReverseDnsVerdict> of(SMTPSession session, ForwardConfirmedReverseDns fcrdns) {
        return LOOKUP.of(session, () -> fcrdns.check(session.getRemoteAddress().getAddress()));
    }

    /** The verdict, waited for if need be (within its time limit). */
    public static ReverseDnsVerdict await(SMTPSession session, ForwardConfirmedReverseDns fcrdns) {
        return SessionLookups.await(of(session, fcrdns), ReverseDnsVerdict.temporaryFailure("no answer in time"));
    }
}
