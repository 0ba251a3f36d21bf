package org.mxsuite.accept;

import javax.inject.Inject;

import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James's default IMAP package ({@code ImapPackage.DEFAULT}) with LOGIN and AUTHENTICATE replaced by their
 * brute-force-aware subclasses. It replaces the default in {@code imapserver.xml} ({@code <imapPackages>}) rather
 * than adding to it, because James keys processors by request class and refuses two for one class.
 */
public class BanAwareImapPackage extends ImapPackage.Impl {
    @Inject
    public BanAwareImapPackage() {
        super(DEFAULT.processors().stream()
                .map(BanAwareImapPackage::replace)
                .collect(ImmutableList.toImmutableList()),
            ImmutableList.copyOf(DEFAULT.decoders()),
            ImmutableList.copyOf(DEFAULT.encoders()));
        if (!processors().contains(new ClassName(ImapLoginProcessor.class.getName()))
            || !processors().contains(new ClassName(ImapAuthenticateProcessor.class.getName()))) {
            // James's default package changed: refuse to start rather than run IMAP without bans
            throw new IllegalStateException("James's default IMAP package has no LoginProcessor or AuthenticateProcessor to replace: " + DEFAULT.processors());
        }
    }

    private static ClassName replace(ClassName processor) {
        if (processor.getName().equals(LoginProcessor.class.getName())) {
            return new ClassName(ImapLoginProcessor.class.getName());
        }
        if (processor.getName().equals(AuthenticateProcessor.class.getName())) {
            return new ClassName(ImapAuthenticateProcessor.class.getName());
        }
        return processor;
    }
}
