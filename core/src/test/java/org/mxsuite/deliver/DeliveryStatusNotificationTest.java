package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryStatusNotificationTest {
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T10:15:30Z");
    private static final Instant LAST_ATTEMPT = Instant.parse("2024-03-02T08:00:00Z");
    private static final Instant RETRY_UNTIL = Instant.parse("2024-03-06T10:15:30Z");
    private static final String ORIGINAL = "From: Alice <alice@sender.example>\r\n"
        + "To: bob@customer.example, carol@customer.example\r\n"
        + "Subject: Quarterly figures\r\n"
        + "Message-ID: <orig-1@sender.example>\r\n"
        + "\r\n"
        + "The secret word is XYLOPHONE.\r\n";

    private static MailAddress address(String value) throws Exception {
        return new MailAddress(value);
    }

    private static DeliveryStatusNotification.Builder bounce() throws Exception {
        return DeliveryStatusNotification.builder()
            .reportingMta("backup-mx.mxsuite.example")
            .originalSender(address("alice@sender.example"))
            .arrivalDate(ARRIVAL)
            .heldMessageId("0f8b2a3c-1d2e-4f50-8a9b-112233445566")
            .originalHeaders(stream(ORIGINAL));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static MimeMessage twoFailures() throws Exception {
        return roundTrip(bounce()
            .originalEnvelopeId(Optional.of("ENV-42"))
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 5.1.1 User unknown",
                Optional.of("mx.customer.example"), Optional.of(LAST_ATTEMPT)))
            .recipient(RecipientStatus.failed(address("carol@customer.example"), "552 Mailbox full",
                Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build());
    }

    private static BodyPart part(MimeMessage message, int index) throws Exception {
        return ((Multipart) message.getContent()).getBodyPart(index);
    }

    private static String text(BodyPart part) throws Exception {
        return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String[] blocks(MimeMessage message) throws Exception {
        return text(part(message, 1)).split("\r\n\r\n");
    }

    @Test
    void isAMultipartReportOfDeliveryStatus() throws Exception {
        MimeMessage dsn = twoFailures();

        ContentType type = new ContentType(dsn.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
    }

    @Test
    void hasTheThreePartsInOrder() throws Exception {
        MimeMessage dsn = twoFailures();

        Multipart report = (Multipart) dsn.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(new ContentType(report.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(report.getBodyPart(0).getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat(new ContentType(report.getBodyPart(1).getContentType()).getBaseType()).isEqualTo("message/delivery-status");
        assertThat(new ContentType(report.getBodyPart(2).getContentType()).getBaseType()).isEqualTo("text/rfc822-headers");
    }

    @Test
    void deliveryStatusHasPerMessageFields() throws Exception {
        String[] blocks = blocks(twoFailures());

        assertThat(blocks[0].split("\r\n")).containsExactly(
            "Original-Envelope-Id: ENV-42",
            "Reporting-MTA: dns; backup-mx.mxsuite.example",
            "Arrival-Date: Fri, 1 Mar 2024 10:15:30 +0000",
            "X-MXSuite-Queue-Id: 0f8b2a3c-1d2e-4f50-8a9b-112233445566");
    }

    @Test
    void deliveryStatusHasOneBlockPerRecipient() throws Exception {
        String[] blocks = blocks(twoFailures());

        assertThat(blocks).hasSize(3);
        assertThat(blocks[1].split("\r\n")).containsExactly(
            "Final-Recipient: rfc822; bob@customer.example",
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; mx.customer.example",
            "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
            "Last-Attempt-Date: Sat, 2 Mar 2024 08:00:00 +0000");
        assertThat(blocks[2].trim().split("\r\n")).containsExactly(
            "Final-Recipient: rfc822; carol@customer.example",
            "Action: failed",
            "Status: 5.0.0",
            "Diagnostic-Code: smtp; 552 Mailbox full",
            "Last-Attempt-Date: Sat, 2 Mar 2024 08:00:00 +0000");
    }

    @Test
    void deliveryStatusEndsWithALineBreak() throws Exception {
        assertThat(text(part(twoFailures(), 1))).endsWith("+0000\r\n");
    }

    @Test
    void multiLineRepliesAreFlattenedIntoOneDiagnosticLine() throws Exception {
        MimeMessage dsn = roundTrip(bounce()
            .recipient(RecipientStatus.failed(address("bob@customer.example"),
                "550-5.7.1 Message rejected\r\n550-5.7.1 by policy\r\n550 5.7.1 see https://help.example",
                Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build());

        assertThat(blocks(dsn)[1].split("\r\n")).contains(
            "Status: 5.7.1",
            "Diagnostic-Code: smtp; 550-5.7.1 Message rejected 550-5.7.1 by policy 550 5.7.1 see https://help.example");
    }

    @Test
    void originalEnvelopeIdIsOptional() throws Exception {
        MimeMessage dsn = roundTrip(bounce()
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 no", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build());

        assertThat(blocks(dsn)[0]).doesNotContain("Original-Envelope-Id").startsWith("Reporting-MTA:");
    }

    @Test
    void headersPartHasTheOriginalHeadersButNotTheBody() throws Exception {
        String headers = text(part(twoFailures(), 2));

        assertThat(headers)
            .contains("Subject: Quarterly figures\r\n")
            .contains("From: Alice <alice@sender.example>\r\n")
            .doesNotContain("XYLOPHONE");
    }

    @Test
    void readingTheHeadersLeavesTheBodyUnread() throws Exception {
        InputStream original = stream(ORIGINAL);

        DeliveryStatusNotification.builder().originalHeaders(original);

        assertThat(new String(original.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("The secret word is XYLOPHONE.\r\n");
    }

    @Test
    void originalHeadersAreCappedAt64KiB() throws Exception {
        StringBuilder huge = new StringBuilder("Subject: big\r\n");
        for (int i = 0; i < 2000; i++) {
            huge.append("X-Filler-").append(i).append(": ").append("y".repeat(60)).append("\r\n");
        }
        huge.append("\r\nBODY-MARKER\r\n");
        MimeMessage dsn = roundTrip(bounce()
            .originalHeaders(stream(huge.toString()))
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 no", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build());

        String headers = text(part(dsn, 2));
        assertThat(headers).startsWith("Subject: big\r\n").endsWith("\r\n").doesNotContain("BODY-MARKER");
        assertThat(headers.length()).isLessThanOrEqualTo(DeliveryStatusNotification.MAX_ORIGINAL_HEADERS);
        // Only whole lines are kept.
        assertThat(headers.split("\r\n")).allMatch(line -> line.startsWith("Subject") || line.endsWith("y".repeat(60)));
    }

    @Test
    void failureHeaders() throws Exception {
        MimeMessage dsn = twoFailures();

        assertThat(dsn.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        InternetAddress from = (InternetAddress) dsn.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("MAILER-DAEMON@backup-mx.mxsuite.example");
        assertThat(from.getPersonal()).isEqualTo("Mail Delivery System");
        assertThat(((InternetAddress) dsn.getAllRecipients()[0]).getAddress()).isEqualTo("alice@sender.example");
        assertThat(dsn.getSentDate()).isNotNull();
        assertThat(dsn.getMessageID()).endsWith("@backup-mx.mxsuite.example>");
    }

    @Test
    void humanPartNamesRecipientsAndReplies() throws Exception {
        String human = (String) part(twoFailures(), 0).getContent();

        assertThat(human)
            .contains("<bob@customer.example>", "550 5.1.1 User unknown")
            .contains("<carol@customer.example>", "552 Mailbox full")
            // other recipients of the message may still be held: the message itself has not left the queue
            .contains("We have stopped trying to deliver it to them.")
            .doesNotContain("removed from our queue");
    }

    @Test
    void delayWarning() throws Exception {
        MimeMessage dsn = roundTrip(bounce()
            .recipient(RecipientStatus.delayed(address("bob@customer.example"), Optional.of("451 4.3.0 Try later"),
                Optional.of("mx.customer.example"), Optional.of(RETRY_UNTIL)))
            .build());

        assertThat(dsn.getSubject()).isEqualTo("Delayed Mail (still being retried)");
        assertThat(dsn.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(blocks(dsn)[1].trim().split("\r\n")).containsExactly(
            "Final-Recipient: rfc822; bob@customer.example",
            "Action: delayed",
            "Status: 4.3.0",
            "Remote-MTA: dns; mx.customer.example",
            "Diagnostic-Code: smtp; 451 4.3.0 Try later",
            "Will-Retry-Until: Wed, 6 Mar 2024 10:15:30 +0000");
        assertThat((String) part(dsn, 0).getContent()).contains("Wed, 6 Mar 2024 10:15:30 +0000");
    }

    @Test
    void aDelayWithoutRetentionLimitHasNoRetryUntilDate() throws Exception {
        // a domain whose retention is "never": RFC 3464 2.3.9 leaves the field out (Instant.MAX cannot be formatted)
        MimeMessage dsn = roundTrip(bounce()
            .recipient(RecipientStatus.delayed(address("bob@customer.example"), Optional.of("451 4.3.0 Try later"),
                Optional.empty(), Optional.empty()))
            .build());

        assertThat(blocks(dsn)[1]).contains("Action: delayed").doesNotContain("Will-Retry-Until");
        assertThat((String) part(dsn, 0).getContent()).doesNotContain("stop trying");
    }

    @Test
    void delayWithoutReplyHasNoDiagnosticCode() throws Exception {
        MimeMessage dsn = roundTrip(bounce()
            .recipient(RecipientStatus.delayed(address("bob@customer.example"), Optional.empty(), Optional.empty(),
                Optional.of(RETRY_UNTIL)))
            .build());

        assertThat(blocks(dsn)[1]).contains("Status: 4.0.0").doesNotContain("Diagnostic-Code");
    }

    @Test
    void expiredRecipientsFailWithDeliveryTimeExpired() throws Exception {
        RecipientStatus afterTemporaryReply = RecipientStatus.expired(address("bob@customer.example"),
            Optional.of("421 4.4.2 Connection dropped"), Optional.empty());
        RecipientStatus unreachable = RecipientStatus.expired(address("carol@customer.example"),
            Optional.empty(), Optional.empty());

        MimeMessage dsn = roundTrip(bounce().recipient(afterTemporaryReply).recipient(unreachable).build());

        assertThat(dsn.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(blocks(dsn)[1]).contains("Action: failed\r\nStatus: 4.4.7\r\n")
            .contains("Diagnostic-Code: smtp; 421 4.4.2 Connection dropped");
        assertThat(blocks(dsn)[2]).contains("Action: failed\r\nStatus: 4.4.7\r\n").doesNotContain("Will-Retry-Until");
        // the time of the last attempt is not kept per recipient: RFC 3464 2.3.7 leaves the field out then
        assertThat(blocks(dsn)[1]).doesNotContain("Last-Attempt-Date");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 User unknown|5.1.1",
        "550 no|5.0.0",
        "451 x|4.0.0",
        "452 4.2.2 Mailbox full|4.2.2",
        "250 2.0.0 Ok|2.0.0",
        // The enhanced class must agree with the basic one (RFC 2034).
        "550 4.1.1 confused|5.0.0",
    })
    void statusOf(String reply, String status) {
        assertThat(RecipientStatus.statusOf(reply)).isEqualTo(status);
    }

    @Test
    void statusOfMultiLineReplies() {
        assertThat(RecipientStatus.statusOf("550-5.1.1 x\r\n550 5.1.1 y")).isEqualTo("5.1.1");
        assertThat(RecipientStatus.statusOf("550-first line\r\n550 second line")).isEqualTo("5.0.0");
    }

    @Test
    void statusOfRejectsTextWithoutReplyCode() {
        assertThatThrownBy(() -> RecipientStatus.statusOf("connection refused")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToBuildWithoutRecipients() {
        assertThatThrownBy(() -> bounce().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToBuildWithoutOriginalSender() {
        assertThatThrownBy(() -> DeliveryStatusNotification.builder()
            .reportingMta("backup-mx.mxsuite.example")
            .arrivalDate(ARRIVAL)
            .originalHeaders(stream(ORIGINAL))
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 no", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build())
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAddressWithControlCharactersNeverBreaksTheReportsLines() throws Exception {
        MailAddress smuggling = address("\"bob\\\rRCPT TO:<x@y.example>\"@customer.example");
        MimeMessage report = roundTrip(bounce()
            .recipient(RecipientStatus.failed(smuggling, "553 5.1.3 not sent", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build());

        String status = text(part(report, 1));
        assertThat(status).contains("Final-Recipient: rfc822; \"bob\\?RCPT TO:<x@y.example>\"@customer.example\r\n");
        assertThat(status.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(text(part(report, 0)).replace("\r\n", "")).doesNotContain("\r").contains("<\"bob\\?RCPT TO:");
    }

    @Test
    void refusesToBuildForASenderWithControlCharacters() throws Exception {
        assertThatThrownBy(() -> bounce()
            .originalSender(address("\"alice\\\rx\"@sender.example"))
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 no", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("control characters");
    }

    @Test
    void refusesToMixFailuresAndDelays() {
        assertThatThrownBy(() -> bounce()
            .recipient(RecipientStatus.failed(address("bob@customer.example"), "550 no", Optional.empty(), Optional.of(LAST_ATTEMPT)))
            .recipient(RecipientStatus.delayed(address("carol@customer.example"), Optional.empty(), Optional.empty(),
                Optional.of(RETRY_UNTIL)))
            .build())
            .isInstanceOf(IllegalStateException.class);
    }
}
