package org.mxsuite.embedded.spool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
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

    /** What a spool file holds: its mail (the content read from the file when asked) and when it is due. */
    static final class Spooled {
        final Mail mail;
        final Instant due;

        Spooled(Mail mail, Instant due) {
            this.mail = mail;
            this.due = due;
        }
    }

    /** Writes the mail to {@code file} and forces it to disk. */
    static void write(Path file, Mail mail, Instant due) throws IOException, MessagingException {
        try (FileOutputStream stream = new FileOutputStream(file.toFile())) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 16 * 1024));
            out.writeLong(MAGIC);
            writeEnvelope(out, mail, due);
            CountingOutputStream content = new CountingOutputStream(out);
            // writeTo does not close the stream it is given
            mail.getMessage().writeTo(content);
            long contentLength = content.getByteCount();
            out.writeLong(contentLength);
            out.writeLong(END_MAGIC);
            out.flush();
            stream.getChannel().force(false);
        }
    }

    private static void writeEnvelope(DataOutputStream out, Mail mail, Instant due) throws IOException {
        out.writeLong(due.toEpochMilli());
        writeString(out, mail.getName());
        writeNullable(out, mail.getState());
        writeNullable(out, mail.getErrorMessage());
        out.writeLong(mail.getLastUpdated() == null ? -1 : mail.getLastUpdated().getTime());
        writeString(out, mail.getMaybeSender().asString(""));
        out.writeInt(mail.getRecipients().size());
        for (MailAddress recipient : mail.getRecipients()) {
            writeString(out, recipient.asString());
        }
        writeNullable(out, mail.getRemoteHost());
        writeNullable(out, mail.getRemoteAddr());
        List<String[]> attributes = new ArrayList<>();
        mail.attributes().forEach(attribute -> {
            // as James's own JMS queue: a value that has no JSON form does not survive the spool
            attribute.getValue().toJson().map(JsonNode::toString).ifPresentOrElse(
                json -> attributes.add(new String[] {attribute.getName().asString(), json}),
                () -> LOGGER.warn("attribute {} of mail {} cannot be spooled and is dropped", attribute.getName().asString(), mail.getName()));
        });
        out.writeInt(attributes.size());
        for (String[] attribute : attributes) {
            writeString(out, attribute[0]);
            writeString(out, attribute[1]);
        }
        var headers = mail.getPerRecipientSpecificHeaders().getHeadersByRecipient();
        out.writeInt(headers.size());
        for (Map.Entry<MailAddress, PerRecipientHeaders.Header> entry : headers.entries()) {
            writeString(out, entry.getKey().asString());
            writeString(out, entry.getValue().getName());
            writeString(out, entry.getValue().getValue());
        }
    }

    /**
     * Reads a spool file: its envelope now, its content from the file when the mail's message is read. Throws
     * {@link EOFException} for a file that was never finished.
     */
    static Spooled read(Path file) throws IOException {
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
            MailImpl.Builder mail = MailImpl.builder().name(readString(in));
            String state = readNullable(in);
            if (state != null) {
                mail.state(state);
            }
            String error = readNullable(in);
            if (error != null) {
                mail.errorMessage(error);
            }
            long lastUpdated = in.readLong();
            if (lastUpdated >= 0) {
                mail.lastUpdated(new Date(lastUpdated));
            }
            String sender = readString(in);
            mail.sender(sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(address(sender)));
            int recipients = in.readInt();
            for (int i = 0; i < recipients; i++) {
                mail.addRecipient(address(readString(in)));
            }
            String remoteHost = readNullable(in);
            if (remoteHost != null) {
                mail.remoteHost(remoteHost);
            }
            String remoteAddr = readNullable(in);
            if (remoteAddr != null) {
                mail.remoteAddr(remoteAddr);
            }
            int attributes = in.readInt();
            for (int i = 0; i < attributes; i++) {
                String name = readString(in);
                String json = readString(in);
                mail.addAttribute(new Attribute(AttributeName.of(name), AttributeValue.fromJsonString(json)));
            }
            int headers = in.readInt();
            for (int i = 0; i < headers; i++) {
                MailAddress recipient = address(readString(in));
                String name = readString(in);
                String value = readString(in);
                mail.addHeaderForRecipient(PerRecipientHeaders.Header.builder().name(name).value(value).build(), recipient);
            }
            long contentStart = counted.getByteCount();
            if (contentStart + contentLength + TRAILER != size) {
                throw new IOException("spool file " + file + " is inconsistent: envelope " + contentStart
                    + " + content " + contentLength + " + trailer != " + size + " bytes");
            }
            MailImpl built = mail.build();
            // not the builder's mimeMessage(): MailImpl.setMessage copies the whole message into a new source
            try {
                built.setMessageNoCopy(new MimeMessageWrapper(new SpoolFileSource(file, contentStart, contentLength)));
            } catch (MessagingException e) {
                throw new IOException("cannot attach the content of " + file, e);
            }
            return new Spooled(built, due);
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
