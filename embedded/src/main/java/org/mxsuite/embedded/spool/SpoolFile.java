package org.mxsuite.embedded.spool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.commons.io.input.CountingInputStream;
import org.apache.commons.io.output.CountingOutputStream;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.mxsuite.embedded.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One spooled mail in one file, written once and forced to disk before the sender is told we have it (as Postfix's
 * queue files): the envelope (name, state, sender, recipients, client, attributes, per-recipient headers, when it is
 * due), then the message as received, then a trailer. A file without its trailer was being written when the server
 * died, before any 250: it is not a mail and is dropped at start.
 *
 * <p>Layout: magic, envelope fields ({@link DataOutputStream}, strings as length + UTF-8), content bytes, then
 * the trailer: content length (8 bytes) and the end magic (8 bytes). The suite's hold queue reads the content of a
 * spool file it has linked through that trailer (org.mxsuite.hold.SpoolFileContent): keep the two in step.
 */
final class SpoolFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpoolFile.class);
    private static final long MAGIC = 0x4d58535030310aL;      // "MXSP01\n"
    private static final long END_MAGIC = 0x4d5853454e440aL;  // "MXSEND\n"
    private static final int TRAILER = 16;

    private SpoolFile() {
    }

    /**
     * What a spool file says of its mail besides the content, and where the content is: read from the file at start,
     * or kept from the writing while the mail waits (small, as the envelope; the content stays in the file).
     */
    static final class Envelope {
        final Instant due;
        final String name;
        final String state;
        final String errorMessage;
        final long lastUpdated;
        final MaybeSender sender;
        final List<MailAddress> recipients;
        final String remoteHost;
        final String remoteAddr;
        final List<Attribute> attributes;
        final List<Map.Entry<MailAddress, PerRecipientHeaders.Header>> headers;
        final long contentStart;
        final long contentLength;

        private Envelope(Instant due, String name, String state, String errorMessage, long lastUpdated, MaybeSender sender,
                         List<MailAddress> recipients, String remoteHost, String remoteAddr, List<Attribute> attributes,
                         List<Map.Entry<MailAddress, PerRecipientHeaders.Header>> headers, long contentStart, long contentLength) {
            this.due = due;
            this.name = name;
            this.state = state;
            this.errorMessage = errorMessage;
            this.lastUpdated = lastUpdated;
            this.sender = sender;
            this.recipients = recipients;
            this.remoteHost = remoteHost;
            this.remoteAddr = remoteAddr;
            this.attributes = attributes;
            this.headers = headers;
            this.contentStart = contentStart;
            this.contentLength = contentLength;
        }

        /** The same envelope, due at another time (the file keeps the time it was written with). */
        Envelope dueAt(Instant when) {
            return new Envelope(when, name, state, errorMessage, lastUpdated, sender, recipients, remoteHost, remoteAddr,
                attributes, headers, contentStart, contentLength);
        }

        /** The same envelope, its content at {@code start} in the file, {@code length} bytes long. */
        Envelope withContentAt(long start, long length) {
            return new Envelope(due, name, state, errorMessage, lastUpdated, sender, recipients, remoteHost, remoteAddr,
                attributes, headers, start, length);
        }

        /** A new mail of this envelope whose message is read from {@code file} when needed. */
        Mail toMail(Path file) throws IOException {
            MailImpl.Builder mail = MailImpl.builder().name(name);
            if (state != null) {
                mail.state(state);
            }
            if (errorMessage != null) {
                mail.errorMessage(errorMessage);
            }
            if (lastUpdated >= 0) {
                mail.lastUpdated(new Date(lastUpdated));
            }
            mail.sender(sender);
            mail.addRecipients(recipients);
            if (remoteHost != null) {
                mail.remoteHost(remoteHost);
            }
            if (remoteAddr != null) {
                mail.remoteAddr(remoteAddr);
            }
            // each mail its own values: a mailet may change an attribute's value in place
            attributes.forEach(attribute -> mail.addAttribute(attribute.duplicate()));
            headers.forEach(header -> mail.addHeaderForRecipient(header.getValue(), header.getKey()));
            MailImpl built = mail.build();
            // not the builder's mimeMessage(): MailImpl.setMessage copies the whole message into a new source
            try {
                built.setMessageNoCopy(new MimeMessageWrapper(new SpoolFileSource(file, contentStart, contentLength)));
            } catch (MessagingException e) {
                throw new IOException("cannot attach the content of " + file, e);
            }
            return built;
        }
    }

    /** Writes the mail to {@code file} and forces it to disk; returns its envelope as written. */
    static Envelope write(Path file, Mail mail, Instant due) throws IOException, MessagingException {
        // owner-only from its creation: the umask would make it world-readable
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            OwnerOnlyFiles.file(file))) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024));
            out.writeLong(MAGIC);
            List<String> attributeJson = new ArrayList<>();
            Envelope envelope = envelope(mail, due, attributeJson);
            writeEnvelope(out, envelope, attributeJson);
            long contentStart = out.size();
            CountingOutputStream content = new CountingOutputStream(out);
            // writeTo does not close the stream it is given
            mail.getMessage().writeTo(content);
            long contentLength = content.getByteCount();
            out.writeLong(contentLength);
            out.writeLong(END_MAGIC);
            out.flush();
            channel.force(false);
            return envelope.withContentAt(contentStart, contentLength);
        }
    }

    /** The mail's envelope, without its content's place yet; the JSON form of its attributes in {@code attributeJson}. */
    private static Envelope envelope(Mail mail, Instant due, List<String> attributeJson) {
        List<Attribute> attributes = new ArrayList<>();
        mail.attributes().forEach(attribute -> {
            // as James's own JMS queue: a value that has no JSON form does not survive the spool
            attribute.getValue().toJson().map(JsonNode::toString).ifPresentOrElse(
                json -> {
                    attributes.add(attribute.duplicate());
                    attributeJson.add(json);
                },
                () -> LOGGER.warn("attribute {} of mail {} cannot be spooled and is dropped", attribute.getName().asString(), mail.getName()));
        });
        return new Envelope(due, mail.getName(), mail.getState(), mail.getErrorMessage(),
            mail.getLastUpdated() == null ? -1 : mail.getLastUpdated().getTime(), mail.getMaybeSender(),
            List.copyOf(mail.getRecipients()), mail.getRemoteHost(), mail.getRemoteAddr(), attributes,
            List.copyOf(mail.getPerRecipientSpecificHeaders().getHeadersByRecipient().entries()), -1, -1);
    }

    private static void writeEnvelope(DataOutputStream out, Envelope envelope, List<String> attributeJson) throws IOException {
        out.writeLong(envelope.due.toEpochMilli());
        writeString(out, envelope.name);
        writeNullable(out, envelope.state);
        writeNullable(out, envelope.errorMessage);
        out.writeLong(envelope.lastUpdated);
        writeString(out, envelope.sender.asString(""));
        out.writeInt(envelope.recipients.size());
        for (MailAddress recipient : envelope.recipients) {
            writeString(out, recipient.asString());
        }
        writeNullable(out, envelope.remoteHost);
        writeNullable(out, envelope.remoteAddr);
        out.writeInt(envelope.attributes.size());
        for (int i = 0; i < envelope.attributes.size(); i++) {
            writeString(out, envelope.attributes.get(i).getName().asString());
            writeString(out, attributeJson.get(i));
        }
        out.writeInt(envelope.headers.size());
        for (Map.Entry<MailAddress, PerRecipientHeaders.Header> entry : envelope.headers) {
            writeString(out, entry.getKey().asString());
            writeString(out, entry.getValue().getName());
            writeString(out, entry.getValue().getValue());
        }
    }

    /** Reads a spool file's envelope. Throws {@link EOFException} for a file that was never finished. */
    static Envelope read(Path file) throws IOException {
        // one open per read: the trailer first (is the file whole?), then the envelope from the start
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8 + TRAILER) {
                throw new EOFException("spool file " + file + " is incomplete (" + size + " bytes)");
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
            while (trailer.hasRemaining() && channel.read(trailer, size - TRAILER + trailer.position()) > 0) {
                // read until the trailer is whole
            }
            trailer.flip();
            long contentLength = trailer.getLong();
            if (trailer.getLong() != END_MAGIC) {
                throw new EOFException("spool file " + file + " is incomplete (no trailer)");
            }
            InputStream stream = Channels.newInputStream(channel.position(0));
            CountingInputStream counted = new CountingInputStream(new BufferedInputStream(stream, 8192));
            DataInputStream in = new DataInputStream(counted);
            if (in.readLong() != MAGIC) {
                throw new IOException(file + " is not a spool file");
            }
            Instant due = Instant.ofEpochMilli(in.readLong());
            String name = readString(in);
            String state = readNullable(in);
            String error = readNullable(in);
            long lastUpdated = in.readLong();
            String sender = readString(in);
            int recipientCount = in.readInt();
            List<MailAddress> recipients = new ArrayList<>(recipientCount);
            for (int i = 0; i < recipientCount; i++) {
                recipients.add(address(readString(in)));
            }
            String remoteHost = readNullable(in);
            String remoteAddr = readNullable(in);
            int attributeCount = in.readInt();
            List<Attribute> attributes = new ArrayList<>(attributeCount);
            for (int i = 0; i < attributeCount; i++) {
                String attributeName = readString(in);
                String json = readString(in);
                attributes.add(new Attribute(AttributeName.of(attributeName), AttributeValue.fromJsonString(json)));
            }
            int headerCount = in.readInt();
            List<Map.Entry<MailAddress, PerRecipientHeaders.Header>> headers = new ArrayList<>(headerCount);
            for (int i = 0; i < headerCount; i++) {
                MailAddress recipient = address(readString(in));
                String headerName = readString(in);
                String value = readString(in);
                headers.add(Map.entry(recipient, PerRecipientHeaders.Header.builder().name(headerName).value(value).build()));
            }
            long contentStart = counted.getByteCount();
            if (contentStart + contentLength + TRAILER != size) {
                throw new IOException("spool file " + file + " is inconsistent: envelope " + contentStart
                    + " + content " + contentLength + " + trailer != " + size + " bytes");
            }
            MaybeSender maybeSender = sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(address(sender));
            return new Envelope(due, name, state, error, lastUpdated, maybeSender, List.copyOf(recipients), remoteHost,
                remoteAddr, attributes, headers, contentStart, contentLength);
        }
    }

    private static MailAddress address(String value) throws IOException {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw new IOException("spooled address '" + value + "' is not an address", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
