package org.mxsuite.deliver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class TransactionResultTest {
    private static final SmtpReply OK = new SmtpReply(250, List.of("2.1.0 Ok"));
    private static final MailAddress BOB = address("bob@customer.example");
    private static final MailAddress CAROL = address("carol@customer.example");

    @Test
    void tooManyRecipientsAsRfc821GaveItIsNotPermanent() {
        // RFC 5321 4.5.3.1.10: a 552 to RCPT is taken as 452
        TransactionResult result = new TransactionResult(OK,
            Map.of(BOB, OK, CAROL, new SmtpReply(552, List.of("5.5.3 Too many recipients"))),
            Optional.of(new SmtpReply(250, List.of("2.0.0 queued"))));

        assertThat(result.isPermanentFor(BOB)).isFalse();
        assertThat(result.replyFor(CAROL).code()).isEqualTo(552);
        assertThat(result.isPermanentFor(CAROL)).isFalse();
    }

    @Test
    void otherRefusalsStayPermanentAnd552AfterTheContentToo() {
        TransactionResult refusedAtRcpt = new TransactionResult(OK,
            Map.of(BOB, new SmtpReply(550, List.of("5.1.1 User unknown"))), Optional.empty());
        TransactionResult tooBig = new TransactionResult(OK, Map.of(BOB, OK),
            Optional.of(new SmtpReply(552, List.of("5.3.4 Message too big"))));
        TransactionResult refusedAtMail = new TransactionResult(new SmtpReply(552, List.of("5.3.4 Message too big")),
            Map.of(), Optional.empty());

        assertThat(refusedAtRcpt.isPermanentFor(BOB)).isTrue();
        assertThat(tooBig.isPermanentFor(BOB)).isTrue();
        assertThat(refusedAtMail.isPermanentFor(BOB)).isTrue();
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
