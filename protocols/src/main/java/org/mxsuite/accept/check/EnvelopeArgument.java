package org.mxsuite.accept.check;

import java.util.Locale;
import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * The address of a MAIL FROM or RCPT TO argument ({@code FROM:<a@b.example> SIZE=100}), read ahead of James's own
 * parsing only to start DNS lookups early: what cannot be read here is left to James, and its hooks then look up what
 * they need themselves.
 */
final class EnvelopeArgument {
    private EnvelopeArgument() {
    }

    static Optional<MaybeSender> sender(String argument) {
        return path(argument, "FROM:").flatMap(path -> {
            if (path.isEmpty()) {
                return Optional.of(MaybeSender.nullSender());
            }
            return address(path).map(MaybeSender::of);
        });
    }

    static Optional<MailAddress> recipient(String argument) {
        return path(argument, "TO:").flatMap(EnvelopeArgument::address);
    }

    private static Optional<String> path(String argument, String prefix) {
        if (argument == null || !argument.toUpperCase(Locale.ROOT).startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = argument.substring(prefix.length()).trim();
        int open = rest.indexOf('<');
        int close = rest.indexOf('>', open + 1);
        if (open != 0 || close < 0) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(1, close));
    }

    private static Optional<MailAddress> address(String path) {
        try {
            return Optional.of(new MailAddress(path));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
