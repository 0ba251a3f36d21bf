package org.mxsuite.route.mailet;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mxsuite.dkim.DkimKey;
import org.mxsuite.dkim.DkimKeys;
import org.mxsuite.dkim.DkimSigner;
import org.mxsuite.domain.DomainName;

/**
 * Signs the mail with the DKIM keys of the domain of its From address (the domain DMARC aligns with), when we hold
 * active keys for it; otherwise, or when the message has no From or more than one, it goes on unsigned. Placed
 * before the mail is held, so that the delivery engine sends the signed bytes as they are, however often it tries.
 */
public class SignWithDkim extends GenericMailet {
    private final DkimKeys keys;
    private final Clock clock;

    @Inject
    public SignWithDkim(DkimKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Optional<DomainName> domain = fromDomain(message);
        if (domain.isEmpty()) {
            return;
        }
        List<DkimKey> signing = keys.signingKeys(domain.get());
        if (signing.isEmpty()) {
            return;
        }
        List<String> signatures;
        try (InputStream body = message.getRawInputStream()) {
            signatures = DkimSigner.sign(Collections.list(message.getAllHeaderLines()), body, signing, clock.instant());
        } catch (IOException e) {
            throw new MessagingException("cannot read the body of " + mail.getName() + " to sign it", e);
        }
        for (String signature : signatures) {
            message.addHeader(DkimSigner.FIELD_NAME, signature);
        }
    }

    private static Optional<DomainName> fromDomain(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            String address = addresses.length == 0 ? "" : addresses[0].getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 ? Optional.empty() : Optional.of(DomainName.of(address.substring(at + 1)));
        } catch (AddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Signs mail with the DKIM keys of its From domain";
    }
}
