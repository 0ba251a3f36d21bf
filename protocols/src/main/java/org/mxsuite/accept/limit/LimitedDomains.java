package org.mxsuite.accept.limit;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.domain.DomainName;

/** The hosted domains with traffic limits that the current transaction has recipients of, as RCPT let them through. */
final class LimitedDomains {
    @SuppressWarnings("rawtypes")
    private static final ProtocolSession.AttachmentKey<Set> KEY = ProtocolSession.AttachmentKey.of("mxsuite.limit.domains", Set.class);

    private LimitedDomains() {
    }

    @SuppressWarnings("unchecked")
    static Set<DomainName> of(SMTPSession session) {
        return session.getAttachment(KEY, ProtocolSession.State.Transaction).map(set -> (Set<DomainName>) set).orElse(Set.of());
    }

    static void add(SMTPSession session, DomainName domain) {
        Set<DomainName> domains = new LinkedHashSet<>(of(session));
        domains.add(domain);
        session.setAttachment(KEY, domains, ProtocolSession.State.Transaction);
    }
}
