package org.mxsuite.it.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** One message accepted by {@link CustomerSmtpServer}: its envelope, its bytes and how it was delivered. */
public final class ReceivedMessage {
    private final String sender;
    private final List<String> recipients;
    private final byte[] content;
    private final String heloName;
    private final boolean tls;

    public ReceivedMessage(String sender, List<String> recipients, byte[] content, String heloName, boolean tls) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.recipients = List.copyOf(recipients);
        this.content = content.clone();
        this.heloName = heloName;
        this.tls = tls;
    }

    /** The MAIL FROM address without brackets; "" for the null sender. */
    public String sender() {
        return sender;
    }

    /** The accepted RCPT TO addresses, in the order they were given. */
    public List<String> recipients() {
        return recipients;
    }

    /** The DATA bytes after dot-unstuffing, line endings as received, without the terminating ".CRLF". */
    public byte[] content() {
        return content.clone();
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The name the client gave in HELO or EHLO. */
    public String heloName() {
        return heloName;
    }

    /** Whether the message came over a connection upgraded with STARTTLS. */
    public boolean tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "ReceivedMessage{from=<" + sender + ">, to=" + recipients + ", " + content.length + " bytes, helo="
            + heloName + ", tls=" + tls + "}";
    }
}
