package org.mxsuite.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;


import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.embedded.Keystore;

/** The stand-in for the customer's mail server speaks SMTP to real clients over TCP. */
class CustomerSmtpServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private CustomerSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new CustomerSmtpServer().start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void receivesTheEnvelopeAndTheExactContent() throws IOException {
        String content = "From: a@x.test\r\nTo: b@customer.test\r\nSubject: held mail\r\n\r\n"
            + "first line\r\n.a line that starts with a dot\r\n..two dots\r\n.\tdot and tab\r\nlast line\r\n";
        SMTPClient smtp = connect();
        try {
            assertThat(smtp.getReplyString()).startsWith("220 customer.test ESMTP");
            assertThat(smtp.sendCommand("EHLO relay.backup.test")).isEqualTo(250);
            assertThat(smtp.getReplyString())
                .contains("PIPELINING", "8BITMIME", "SIZE 104857600", "ENHANCEDSTATUSCODES")
                .doesNotContain("STARTTLS");
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.getReplyString()).startsWith("250 2.1.0");
            assertThat(smtp.addRecipient("b@customer.test")).isTrue();
            assertThat(smtp.getReplyString()).startsWith("250 2.1.5");
            assertThat(smtp.addRecipient("c@customer.test")).isTrue();
            assertThat(smtp.sendShortMessageData(content)).isTrue();
            assertThat(smtp.getReplyString()).startsWith("250 2.0.0 Ok queued");
            assertThat(smtp.logout()).isTrue();
            assertThat(smtp.getReplyCode()).isEqualTo(221);
        } finally {
            smtp.disconnect();
        }

        List<ReceivedMessage> messages = server.awaitMessages(1, WAIT);
        assertThat(messages).hasSize(1);
        ReceivedMessage message = messages.get(0);
        assertThat(message.sender()).isEqualTo("a@x.test");
        assertThat(message.recipients()).containsExactly("b@customer.test", "c@customer.test");
        assertThat(message.content()).isEqualTo(content.getBytes(StandardCharsets.UTF_8));
        assertThat(message.contentAsString()).isEqualTo(content);
        assertThat(message.heloName()).isEqualTo("relay.backup.test");
        assertThat(message.tls()).isFalse();
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.lastHeloName()).isEqualTo("relay.backup.test");
    }

    @Test
    void acceptsTheNullSender() throws IOException {
        SMTPClient smtp = connect();
        try {
            assertThat(smtp.login("relay.backup.test")).isTrue();
            assertThat(smtp.setSender("")).isTrue();
            assertThat(smtp.addRecipient("postmaster@customer.test")).isTrue();
            assertThat(smtp.sendShortMessageData("Subject: bounce\r\n\r\nundeliverable\r\n")).isTrue();
        } finally {
            smtp.disconnect();
        }

        ReceivedMessage message = server.awaitMessages(1, WAIT).get(0);
        assertThat(message.sender()).isEmpty();
        assertThat(message.recipients()).containsExactly("postmaster@customer.test");
    }

    @Test
    void rejectedAndDeferredRecipientsGetTheScriptedRepliesAndAreNotRecorded() throws IOException {
        server.rejectRecipient("nobody@customer.test", "550 5.1.1 No such user")
            .deferRecipient("later@customer.test", "450 4.2.1 Try later");
        SMTPClient smtp = connect();
        try {
            assertThat(smtp.sendCommand("EHLO relay.backup.test")).isEqualTo(250);
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.addRecipient("NoBody@Customer.TEST")).isFalse();
            assertThat(smtp.getReplyString()).isEqualTo("550 5.1.1 No such user\r\n");
            assertThat(smtp.addRecipient("later@customer.test")).isFalse();
            assertThat(smtp.getReplyString()).isEqualTo("450 4.2.1 Try later\r\n");
            assertThat(smtp.addRecipient("b@customer.test")).isTrue();
            assertThat(smtp.sendShortMessageData("Subject: one\r\n\r\nbody\r\n")).isTrue();

            // a transaction whose every recipient was refused cannot send data
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.addRecipient("nobody@customer.test")).isFalse();
            assertThat(smtp.sendCommand("DATA")).isEqualTo(554);
            assertThat(smtp.getReplyString()).startsWith("554 5.5.1");
            assertThat(smtp.reset()).isTrue();

            // a refused message is not recorded; reset() forgets every script
            server.replyToData("451 4.3.0 Disk full");
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.addRecipient("b@customer.test")).isTrue();
            assertThat(smtp.sendShortMessageData("Subject: two\r\n\r\nbody\r\n")).isFalse();
            assertThat(smtp.getReplyString()).isEqualTo("451 4.3.0 Disk full\r\n");
            server.reset();
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.addRecipient("later@customer.test")).isTrue();
            assertThat(smtp.sendShortMessageData("Subject: three\r\n\r\nbody\r\n")).isTrue();
        } finally {
            smtp.disconnect();
        }

        List<ReceivedMessage> messages = server.awaitMessages(2, WAIT);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).recipients()).containsExactly("b@customer.test");
        assertThat(messages.get(0).contentAsString()).startsWith("Subject: one");
        assertThat(messages.get(1).recipients()).containsExactly("later@customer.test");
        assertThat(messages.get(1).contentAsString()).startsWith("Subject: three");
    }

    @Test
    void answersAPipelinedTransactionInOrder() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(readReply(in)).startsWith("220 ");
            send(out, "ehlo relay.backup.test\r\n");
            assertThat(readReply(in)).contains("250-PIPELINING").endsWith("250 ENHANCEDSTATUSCODES");

            send(out, "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@customer.test>\r\nDATA\r\n");
            assertThat(readReply(in)).startsWith("250 2.1.0");
            assertThat(readReply(in)).startsWith("250 2.1.5");
            assertThat(readReply(in)).startsWith("354");

            // sent as is: dot-stuffed by hand, the last line with a bare LF
            send(out, "Subject: raw\r\n\r\n..stuffed\r\nbare\n.\r\n");
            assertThat(readReply(in)).startsWith("250 2.0.0");

            send(out, "RCPT TO:<b@customer.test>\r\nmail from:<> SIZE=10 BODY=8BITMIME\r\nBOGUS\r\nQUIT\r\n");
            assertThat(readReply(in)).startsWith("503 5.5.1");
            assertThat(readReply(in)).startsWith("250 2.1.0");
            assertThat(readReply(in)).startsWith("500 5.5.2");
            assertThat(readReply(in)).startsWith("221 2.0.0");
            assertThat(in.readLine()).as("closed after QUIT").isNull();
        }

        ReceivedMessage message = server.awaitMessages(1, WAIT).get(0);
        assertThat(message.sender()).isEqualTo("a@x.test");
        assertThat(message.recipients()).containsExactly("b@customer.test");
        assertThat(message.contentAsString()).isEqualTo("Subject: raw\r\n\r\n.stuffed\r\nbare\n");
    }

    @Test
    void stopRefusesConnectionsAndStartServesAgainOnTheSamePort() throws IOException {
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.isRunning()).isTrue();
        SMTPClient open = connect();
        assertThat(open.login("relay.backup.test")).isTrue();

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(open::noop).as("an open connection is dropped").isInstanceOf(IOException.class);
        open.disconnect();

        server.start();
        assertThat(server.isRunning()).isTrue();
        assertThat(server.port()).isEqualTo(port);
        SMTPClient smtp = connect();
        try {
            assertThat(smtp.login("relay.backup.test")).isTrue();
            assertThat(smtp.sendSimpleMessage("a@x.test", "b@customer.test", "Subject: back\r\n\r\nagain\r\n"))
                .isTrue();
        } finally {
            smtp.disconnect();
        }
        assertThat(server.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(2);

        server.clearMessages();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void awaitMessagesFailsWhenTooFewArrive() {
        assertThatThrownBy(() -> server.awaitMessages(1, Duration.ofMillis(200)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("but 0 arrived");
    }

    @Test
    void upgradesToTlsWithStartTls(@TempDir Path directory) throws Exception {
        Keystore keystore = Keystore.ensure(directory, "customer.test");
        server.close();
        server = new CustomerSmtpServer().withStartTls(CustomerSmtpServer.tlsContext(keystore)).start();

        SMTPSClient smtp = new SMTPSClient(false, TrustAllTls.context());
        smtp.connect("127.0.0.1", server.port());
        try {
            assertThat(smtp.sendCommand("EHLO relay.backup.test")).isEqualTo(250);
            assertThat(smtp.getReplyString()).contains("STARTTLS");
            assertThat(smtp.setSender("a@x.test")).isTrue();
            assertThat(smtp.execTLS()).isTrue();
            assertThat(smtp.getReplyString()).startsWith("220 2.0.0 Ready");
            // the upgrade forgets the greeting and the transaction
            assertThat(smtp.sendCommand("MAIL FROM:<a@x.test>")).isEqualTo(503);
            assertThat(smtp.sendCommand("EHLO tls.backup.test")).isEqualTo(250);
            assertThat(smtp.getReplyString()).doesNotContain("STARTTLS");
            assertThat(smtp.sendSimpleMessage("a@x.test", "b@customer.test", "Subject: secret\r\n\r\nhi\r\n"))
                .isTrue();
        } finally {
            smtp.disconnect();
        }

        ReceivedMessage message = server.awaitMessages(1, WAIT).get(0);
        assertThat(message.tls()).isTrue();
        assertThat(message.heloName()).isEqualTo("tls.backup.test");
    }

    private SMTPClient connect() throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.setDefaultTimeout(5_000);
        smtp.connect("127.0.0.1", server.port());
        smtp.setSoTimeout(5_000);
        assertThat(SMTPReply.isPositiveCompletion(smtp.getReplyCode())).isTrue();
        return smtp;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply, its lines joined with "\n" (without the line endings). */
    private static String readReply(BufferedReader in) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed in the middle of a reply: " + reply);
            }
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return reply.toString();
            }
        }
    }
}
