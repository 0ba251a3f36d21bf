package org.mxsuite.accept.imap;

import javax.inject.Inject;

import java.util.Map;

import org.apache.james.imap.decode.parser.CreateCommandParser;
import org.apache.james.imap.decode.parser.RenameCommandParser;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.NoopProcessor;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.imap.processor.StartTLSProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James's default IMAP package ({@code ImapPackage.DEFAULT}) with LOGIN, AUTHENTICATE, CAPABILITY, NOOP and
 * STARTTLS replaced by their brute-force-aware subclasses, SELECT and EXAMINE by subclasses whose EXISTS counts the
 * messages the session can address ({@link SelectedCountResponder}), and CREATE and RENAME by subclasses that refuse mailbox
 * names clients would misread ({@link MailboxNames}), with parsers that answer BAD to a malformed modified UTF-7
 * name instead of dropping the connection ({@link MalformedMailboxNames}). It replaces the default in {@code imapserver.xml} ({@code <imapPackages>}) rather
 * than adding to it, because James keys processors by request class and refuses two for one class.
 */
public class CheckingImapPackage extends ImapPackage.Impl {
    private static final Map<String, String> REPLACEMENTS = Map.of(
        LoginProcessor.class.getName(), BanCheckingLoginProcessor.class.getName(),
        AuthenticateProcessor.class.getName(), BanCheckingAuthenticateProcessor.class.getName(),
        CapabilityProcessor.class.getName(), BanCheckingCapabilityProcessor.class.getName(),
        NoopProcessor.class.getName(), BanCheckingNoopProcessor.class.getName(),
        StartTLSProcessor.class.getName(), BanCheckingStartTlsProcessor.class.getName(),
        CreateProcessor.class.getName(), MailboxNameCheckingCreateProcessor.class.getName(),
        RenameProcessor.class.getName(), MailboxNameCheckingRenameProcessor.class.getName(),
        SelectProcessor.class.getName(), CountingSelectProcessor.class.getName(),
        ExamineProcessor.class.getName(), CountingExamineProcessor.class.getName());

    private static final Map<String, String> DECODER_REPLACEMENTS = Map.of(
        CreateCommandParser.class.getName(), BadAnsweringCreateCommandParser.class.getName(),
        RenameCommandParser.class.getName(), BadAnsweringRenameCommandParser.class.getName());

    @Inject
    public CheckingImapPackage() {
        super(DEFAULT.processors().stream()
                .map(processor -> replace(processor, REPLACEMENTS))
                .collect(ImmutableList.toImmutableList()),
            DEFAULT.decoders().stream()
                .map(decoder -> replace(decoder, DECODER_REPLACEMENTS))
                .collect(ImmutableList.toImmutableList()),
            ImmutableList.copyOf(DEFAULT.encoders()));
        for (String replacement : REPLACEMENTS.values()) {
            if (!processors().contains(new ClassName(replacement))) {
                // James's default package changed: refuse to start rather than run IMAP without bans
                throw new IllegalStateException("James's default IMAP package has nothing for " + replacement + " to replace: " + DEFAULT.processors());
            }
        }
        for (String replacement : DECODER_REPLACEMENTS.values()) {
            if (!decoders().contains(new ClassName(replacement))) {
                throw new IllegalStateException("James's default IMAP package has nothing for " + replacement + " to replace: " + DEFAULT.decoders());
            }
        }
    }

    private static ClassName replace(ClassName original, Map<String, String> replacements) {
        String replacement = replacements.get(original.getName());
        return replacement == null ? original : new ClassName(replacement);
    }
}
