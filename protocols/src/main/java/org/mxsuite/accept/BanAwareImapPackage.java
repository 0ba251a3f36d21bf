package org.mxsuite.accept;

import javax.inject.Inject;

import java.util.Map;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.NoopProcessor;
import org.apache.james.imap.processor.StartTLSProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James's default IMAP package ({@code ImapPackage.DEFAULT}) with LOGIN, AUTHENTICATE, CAPABILITY, NOOP and
 * STARTTLS replaced by their brute-force-aware subclasses. It replaces the default in {@code imapserver.xml} ({@code <imapPackages>}) rather
 * than adding to it, because James keys processors by request class and refuses two for one class.
 */
public class BanAwareImapPackage extends ImapPackage.Impl {
    private static final Map<String, String> REPLACEMENTS = Map.of(
        LoginProcessor.class.getName(), ImapLoginProcessor.class.getName(),
        AuthenticateProcessor.class.getName(), ImapAuthenticateProcessor.class.getName(),
        CapabilityProcessor.class.getName(), ImapCapabilityProcessor.class.getName(),
        NoopProcessor.class.getName(), ImapNoopProcessor.class.getName(),
        StartTLSProcessor.class.getName(), ImapStartTlsProcessor.class.getName());

    @Inject
    public BanAwareImapPackage() {
        super(DEFAULT.processors().stream()
                .map(BanAwareImapPackage::replace)
                .collect(ImmutableList.toImmutableList()),
            ImmutableList.copyOf(DEFAULT.decoders()),
            ImmutableList.copyOf(DEFAULT.encoders()));
        for (String replacement : REPLACEMENTS.values()) {
            if (!processors().contains(new ClassName(replacement))) {
                // James's default package changed: refuse to start rather than run IMAP without bans
                throw new IllegalStateException("James's default IMAP package has nothing for " + replacement + " to replace: " + DEFAULT.processors());
            }
        }
    }

    private static ClassName replace(ClassName processor) {
        String replacement = REPLACEMENTS.get(processor.getName());
        return replacement == null ? processor : new ClassName(replacement);
    }
}
