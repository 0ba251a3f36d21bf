package org.mxsuite.deliver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.mxsuite.domain.ControlCharacters;

/**
 * Builds RFC 3464 delivery status notifications (bounces and delay warnings) for held mail.
 * The caller sends the result with a null reverse path (RFC 5321 section 4.5.5).
 */
public final class DeliveryStatusNotification {
    public static final String FAILED_SUBJECT = "Undelivered Mail Returned to Sender";
    public static final String DELAYED_SUBJECT = "Delayed Mail (still being retried)";
    public static final String QUEUE_ID_FIELD = "X-MXSuite-Queue-Id";
    /** Upper bound on the original header section we copy into the report. */
    public static final int MAX_ORIGINAL_HEADERS = 64 * 1024;

    // RFC 5322 wants a numeric zone; RFC_1123_DATE_TIME would write the obsolete "GMT".
    private static final DateTimeFormatter RFC_5322 =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_LINE = 998;
    private static final String CRLF = "\r\n";

    private DeliveryStatusNotification() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String reportingMta;
        private MailAddress originalSender;
        private Instant arrivalDate;
        private Optional<String> originalEnvelopeId = Optional.empty();
        private Optional<String> heldMessageId = Optional.empty();
        private final List<RecipientStatus> recipients = new ArrayList<>();
        private byte[] originalHeaders;

        private Builder() {
        }

        /** Our host name, as announced in EHLO. */
        public Builder reportingMta(String hostName) {
            this.reportingMta = Objects.requireNonNull(hostName, "hostName");
            return this;
        }

        public Builder originalSender(MailAddress sender) {
            this.originalSender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        public Builder arrivalDate(Instant arrivalDate) {
            this.arrivalDate = Objects.requireNonNull(arrivalDate, "arrivalDate");
            return this;
        }

        /** The ENVID the sender gave in MAIL FROM (RFC 3461), if any. */
        public Builder originalEnvelopeId(Optional<String> envelopeId) {
            this.originalEnvelopeId = Objects.requireNonNull(envelopeId, "envelopeId");
            return this;
        }

        public Builder heldMessageId(String heldMessageId) {
            this.heldMessageId = Optional.of(Objects.requireNonNull(heldMessageId, "heldMessageId"));
            return this;
        }

        public Builder recipient(RecipientStatus recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /**
         * Copies the header section of the original message: up to the first empty line and at most
         * {@value #MAX_ORIGINAL_HEADERS} bytes. The body is never read; the stream is left open.
         *
         * @throws UncheckedIOException if the stream cannot be read
         */
        public Builder originalHeaders(InputStream message) {
            Objects.requireNonNull(message, "message");
            try {
                this.originalHeaders = readHeaderSection(message);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the original message headers", e);
            }
            return this;
        }

        /**
         * @throws IllegalStateException if a required field is missing, there is no recipient, or failures and
         *                               delays are mixed
         */
        public MimeMessage build() throws MessagingException {
            // Never called for the null sender: RFC 3461 forbids bouncing a bounce, so a sender is mandatory.
            require(originalSender, "original sender");
            require(reportingMta, "reporting MTA");
            require(arrivalDate, "arrival date");
            require(originalHeaders, "original headers");
            if (ControlCharacters.in(originalSender.asString())) {
                // it would go into the To: field and the envelope; no server should be given it (the bouncers skip it)
                throw new IllegalStateException("No delivery status notification to an address with control characters");
            }
            if (recipients.isEmpty()) {
                throw new IllegalStateException("A delivery status notification needs at least one recipient");
            }
            boolean delayed = recipients.get(0).action() == RecipientStatus.Action.DELAYED;
            if (recipients.stream().anyMatch(r -> (r.action() == RecipientStatus.Action.DELAYED) != delayed)) {
                throw new IllegalStateException("Failed and delayed recipients belong in separate notifications");
            }
            return new Report(this, delayed).toMessage();
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalStateException("A delivery status notification needs the " + what);
            }
        }
    }

    private static final class Report {
        private final String reportingMta;
        private final MailAddress originalSender;
        private final Instant arrivalDate;
        private final Optional<String> originalEnvelopeId;
        private final Optional<String> heldMessageId;
        private final List<RecipientStatus> recipients;
        private final byte[] originalHeaders;
        private final boolean delayed;

        private Report(Builder builder, boolean delayed) {
            this.reportingMta = oneLine(builder.reportingMta);
            this.originalSender = builder.originalSender;
            this.arrivalDate = builder.arrivalDate;
            this.originalEnvelopeId = builder.originalEnvelopeId.map(DeliveryStatusNotification::oneLine);
            this.heldMessageId = builder.heldMessageId.map(DeliveryStatusNotification::oneLine);
            this.recipients = List.copyOf(builder.recipients);
            this.originalHeaders = builder.originalHeaders;
            this.delayed = delayed;
        }

        MimeMessage toMessage() throws MessagingException {
            MimeMultipart report = new ReportMultipart();
            report.addBodyPart(humanPart());
            report.addBodyPart(rawPart(deliveryStatus().getBytes(StandardCharsets.US_ASCII), "message/delivery-status"));
            report.addBodyPart(rawPart(originalHeaders, "text/rfc822-headers"));

            MimeMessage message = new DsnMessage("<" + UUID.randomUUID() + "@" + reportingMta + ">");
            message.setFrom(mailerDaemon());
            message.setRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(originalSender.asString()));
            message.setSubject(delayed ? DELAYED_SUBJECT : FAILED_SUBJECT, "UTF-8");
            message.setHeader("Date", date(Instant.now()));
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setContent(report);
            message.saveChanges();
            return message;
        }

        private InternetAddress mailerDaemon() throws MessagingException {
            try {
                return new InternetAddress("MAILER-DAEMON@" + reportingMta, "Mail Delivery System", "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        private MimeBodyPart humanPart() throws MessagingException {
            StringBuilder text = new StringBuilder();
            text.append("This is the mail system at host ").append(reportingMta).append(".\n\n");
            if (delayed) {
                text.append("Your message has not been delivered yet to the recipients below.\n")
                    .append("We are holding it and will keep trying; you do not need to send it again.\n\n");
            } else {
                text.append("Your message could not be delivered to the recipients below.\n")
                    .append("We have stopped trying to deliver it to them.\n\n");
            }
            for (RecipientStatus recipient : recipients) {
                text.append("<").append(printable(recipient.recipient())).append(">:\n");
                recipient.remoteMta().ifPresent(mta -> text.append("    Server: ").append(oneLine(mta)).append('\n'));
                text.append("    Reply: ").append(recipient.reply().map(DeliveryStatusNotification::oneLine)
                    .orElse("none (the server could not be reached)")).append('\n');
                if (recipient.expired()) {
                    text.append("    The message was held longer than our retention limit.\n");
                }
                recipient.willRetryUntil().ifPresent(until ->
                    text.append("    We will stop trying on ").append(date(until)).append(".\n"));
                text.append('\n');
            }
            text.append("Your message arrived here on ").append(date(arrivalDate)).append(".\n");
            heldMessageId.ifPresent(id -> text.append("Queue id: ").append(id).append('\n'));
            text.append("The headers of your message are attached.\n");

            MimeBodyPart part = new MimeBodyPart();
            // javax.mail writes text as given, and SMTP wants CRLF.
            part.setText(text.toString().replace("\n", CRLF), "UTF-8");
            return part;
        }

        private String deliveryStatus() {
            // Field order follows the RFC 3464 section 2.1 grammar.
            StringBuilder fields = new StringBuilder();
            originalEnvelopeId.ifPresent(id -> field(fields, "Original-Envelope-Id", id));
            field(fields, "Reporting-MTA", "dns; " + reportingMta);
            field(fields, "Arrival-Date", date(arrivalDate));
            heldMessageId.ifPresent(id -> field(fields, QUEUE_ID_FIELD, id));
            for (RecipientStatus recipient : recipients) {
                fields.append(CRLF);
                field(fields, "Final-Recipient", "rfc822; " + printable(recipient.recipient()));
                field(fields, "Action", recipient.action().value());
                field(fields, "Status", recipient.status());
                recipient.remoteMta().ifPresent(mta -> field(fields, "Remote-MTA", "dns; " + oneLine(mta)));
                recipient.reply().ifPresent(reply -> field(fields, "Diagnostic-Code", "smtp; " + oneLine(reply)));
                recipient.lastAttempt().ifPresent(attempt -> field(fields, "Last-Attempt-Date", date(attempt)));
                recipient.willRetryUntil().ifPresent(until -> field(fields, "Will-Retry-Until", date(until)));
            }
            return fields.toString();
        }

        private static void field(StringBuilder fields, String name, String value) {
            fields.append(fold(name + ": " + value)).append(CRLF);
        }

        // A DataHandler over bytes, because javax.mail has no content handler for these types and must not
        // re-encode the fields; the bytes go out verbatim.
        private static MimeBodyPart rawPart(byte[] content, String type) throws MessagingException {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
            return part;
        }
    }

    private static final class ReportMultipart extends MimeMultipart {
        ReportMultipart() throws MessagingException {
            super("report");
            ContentType type = new ContentType(contentType);
            type.setParameter("report-type", "delivery-status");
            contentType = type.toString();
        }
    }

    // saveChanges() would replace our Message-ID with one naming the local host instead of the reporting MTA.
    private static final class DsnMessage extends MimeMessage {
        private final String messageId;

        DsnMessage(String messageId) {
            super((Session) null);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    // an address held before SMTP acceptance refused control characters must not break the report's lines
    private static String printable(MailAddress address) {
        return ControlCharacters.replaced(address.asString());
    }

    private static String date(Instant instant) {
        return RFC_5322.format(instant);
    }

    // Replies and host names come from remote servers: keep them to one line of printable ASCII so they cannot
    // break the report's structure.
    private static String oneLine(String value) {
        String flat = value.strip().replaceAll("\\s*(\r\n|\r|\n)\\s*", " ");
        StringBuilder out = new StringBuilder(flat.length());
        flat.codePoints().forEach(c -> out.append(c == '\t' ? ' ' : c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    // Only lines beyond the RFC 5322 hard limit get folded, so ordinary fields stay on one line.
    private static String fold(String line) {
        StringBuilder out = new StringBuilder();
        String rest = line;
        while (rest.length() > MAX_LINE) {
            int cut = rest.lastIndexOf(' ', MAX_LINE);
            if (cut <= 0) {
                // Nowhere to fold: truncating beats an over-long line that relays may reject.
                return out.append(rest, 0, MAX_LINE).toString();
            }
            out.append(rest, 0, cut).append(CRLF);
            rest = rest.substring(cut);
        }
        return out.append(rest).toString();
    }

    private static byte[] readHeaderSection(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        // Byte by byte so that nothing past the empty line is consumed, without buffering the stream.
        while (headers.size() + line.size() < MAX_ORIGINAL_HEADERS && (b = in.read()) != -1) {
            if (b == '\n') {
                if (line.size() == 0) {
                    break;
                }
                line.writeTo(headers);
                headers.write('\r');
                headers.write('\n');
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
        // An unterminated last line is kept only at end of input; a line cut by the cap is dropped.
        if (line.size() > 0 && headers.size() + line.size() < MAX_ORIGINAL_HEADERS) {
            line.writeTo(headers);
            headers.write('\r');
            headers.write('\n');
        }
        return headers.toByteArray();
    }
}
