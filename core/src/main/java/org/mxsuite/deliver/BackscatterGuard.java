package org.mxsuite.deliver;

import java.util.Optional;
import java.util.function.Predicate;

import org.apache.james.core.MailAddress;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SenderDomainVerdict;
import org.mxsuite.dns.SpfCheck;
import org.mxsuite.hold.Origin;

/**
 * Whether a DSN (a bounce or a delay warning) may go to the sender of mail we accepted, or would be backscatter: a
 * report to someone whose address a spammer wrote. Mail from a logged-in client, a trusted network or this server
 * always gets its reports. Mail from a client that did not log in gets none when its sender's domain
 * <ul>
 * <li>says in SPF that the client may not send for it ({@code fail}, or {@code softfail}: "probably not"), or</li>
 * <li>does not exist or has no MX, A or AAAA record (unless we serve it ourselves): nobody could receive the report.</li>
 * </ul>
 * Any other answer (SPF {@code pass}, {@code neutral}, {@code none}, an error, a DNS failure) lets the report go:
 * a genuine sender must not lose its reports to a DNS fault.
 */
public final class BackscatterGuard {
    private final SpfCheck spf;
    private final SenderDomainLookup senderDomains;
    private final Predicate<String> servedHere;

    /** @param servedHere whether a domain is one we deliver ourselves (hosted, or one of James's) */
    public BackscatterGuard(SpfCheck spf, SenderDomainLookup senderDomains, Predicate<String> servedHere) {
        this.spf = spf;
        this.senderDomains = senderDomains;
        this.servedHere = servedHere;
    }

    /** Why no report goes to the sender of mail of this origin; empty when it may. */
    public Optional<String> withheldBecause(Origin origin) {
        if (origin.client().isEmpty() || origin.sender().isNullSender()) {
            return Optional.empty();
        }
        String client = origin.client().get();
        MailAddress sender = origin.sender().get();
        String domain = sender.getDomain().asString();
        if (domain.startsWith("[")) {
            return Optional.of("the sender " + sender.asString() + " is at an address literal");
        }
        String result = spf.result(client, sender.asString());
        if (result.equals("fail") || result.equals("softfail")) {
            return Optional.of("SPF " + result + " of " + domain + " for the client [" + client + "] that sent it");
        }
        if (!servedHere.test(domain)) {
            // on a delivery thread, never on the SMTP path: waiting here (within dns.timeout) holds no session back
            SenderDomainVerdict verdict = senderDomains.check(domain).join();
            if (verdict == SenderDomainVerdict.DOES_NOT_EXIST || verdict == SenderDomainVerdict.NO_MAIL_ADDRESS) {
                return Optional.of(domain + " has no MX, A or AAAA record (" + verdict + ")");
            }
        }
        return Optional.empty();
    }
}
