package org.mxsuite.deliver.smtp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against tiny servers on 127.0.0.1: well-behaved ones, and ones that drip, flood or stop reading. */
class SmtpConnectionTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Timeouts ONE_SECOND = new Timeouts(SECOND, SECOND, SECOND);
    /** Long enough that only the failure a test is about can end it within {@link #LIMIT}. */
    private static final Timeouts ONE_MINUTE = new Timeouts(SECOND, Duration.ofMinutes(1), Duration.ofMinutes(1));
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @FunctionalInterface
    private interface Conversation {
        void run(Socket client) throws IOException, InterruptedException;
    }

    private final ExecutorService servers = Executors.newCachedThreadPool();
    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> content = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() throws IOException {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        servers.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aTransactionWithAndWithoutPipelining(boolean pipelining) throws Exception {
        int port = serve(0, client -> converse(client, pipelining, false));
        MailAddress known = new MailAddress("known@example.com");
        MailAddress nobody = new MailAddress("nobody@example.com");

        SmtpConnection connection = SmtpConnection.open("127.0.0.1", port, ONE_SECOND);
        assertThat(connection.greeting()).hasToString("220 test.example ESMTP");
        assertThat(connection.ehlo("client.example").code()).isEqualTo(250);
        assertThat(connection.supports("pipelining")).isEqualTo(pipelining);
        TransactionResult result = connection.send(MaybeSender.of(new MailAddress("sender@example.com")),
            List.of(known, nobody), 42, output -> output.write("Subject: hi\r\n\r\n.dot\r\n".getBytes(US_ASCII)));
        assertThat(connection.rset().code()).isEqualTo(250);
        assertThat(connection.isReusable()).isTrue();
        connection.quit();

        assertThat(result.replyFor(known)).hasToString("250 2.0.0 queued");
        assertThat(result.replyFor(nobody)).hasToString("550 5.1.1 no such user");
        assertThat(content).containsExactly("Subject: hi", "", "..dot");
        assertThat(commands).containsExactly("EHLO client.example", "MAIL FROM:<sender@example.com> SIZE=42",
            "RCPT TO:<known@example.com>", "RCPT TO:<nobody@example.com>", "DATA", "RSET", "QUIT");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAddressWithAControlCharacterIsNeverWrittenToTheServer(boolean pipelining) throws Exception {
        int port = serve(0, client -> converse(client, pipelining, false));
        MailAddress known = new MailAddress("known@example.com");
        // James's parser takes a quoted pair backslash-CR: a server that ends lines at a bare CR would read "RSET"
        MailAddress smuggling = new MailAddress("\"a\\\rRSET\"@example.com");
        assertThat(smuggling.asString()).contains("\r");

        SmtpConnection connection = SmtpConnection.open("127.0.0.1", port, ONE_SECOND);
        connection.ehlo("client.example");
        TransactionResult result = connection.send(MaybeSender.of(new MailAddress("sender@example.com")),
            List.of(known, smuggling), 42, output -> output.write("Subject: hi\r\n\r\nhi\r\n".getBytes(US_ASCII)));
        TransactionResult fromSmuggler = connection.send(MaybeSender.of(smuggling), List.of(known), 42,
            output -> output.write("Subject: hi\r\n\r\nhi\r\n".getBytes(US_ASCII)));
        TransactionResult toSmugglerOnly = connection.send(MaybeSender.of(known), List.of(smuggling), 42,
            output -> output.write("Subject: hi\r\n\r\nhi\r\n".getBytes(US_ASCII)));
        connection.quit();

        assertThat(result.replyFor(known)).hasToString("250 2.0.0 queued");
        assertThat(result.replyFor(smuggling).toString()).startsWith("553 5.1.3");
        assertThat(result.isPermanentFor(smuggling)).isTrue();
        assertThat(fromSmuggler.replyFor(known).toString()).startsWith("553 5.1.7");
        assertThat(fromSmuggler.isPermanentFor(known)).isTrue();
        assertThat(toSmugglerOnly.replyFor(smuggling).toString()).startsWith("553 5.1.3");
        assertThat(commands).containsExactly("EHLO client.example", "MAIL FROM:<sender@example.com> SIZE=42",
            "RCPT TO:<known@example.com>", "DATA", "QUIT");
    }

    @Test
    void aGreetingDrippedByteByByteTimesOutAsAWhole() throws IOException {
        int port = serve(0, client -> drip(client.getOutputStream(), "220 drip.example ESMTP ".getBytes(US_ASCII)));

        SmtpReply reply = failure(() -> SmtpConnection.open("127.0.0.1", port, ONE_SECOND));

        assertThat(reply.isTransient()).isTrue();
        assertThat(reply.toString()).contains("timeout", "127.0.0.1:" + port);
    }

    @Test
    void aTlsHandshakeDrippedByteByByteTimesOutAsAWhole() throws Exception {
        int port = serve(0, client -> converse(client, false, false));
        SmtpConnection connection = SmtpConnection.open("127.0.0.1", port, ONE_SECOND);

        SmtpReply reply = failure(() -> connection.startTls(OpportunisticTls.context().getSocketFactory()));

        assertThat(reply.isTransient()).isTrue();
        assertThat(reply.toString()).contains("TLS", "timeout");
        assertThat(connection.isReusable()).isFalse();
    }

    @Test
    void anEndlessReplyIsInvalid() throws Exception {
        int port = serve(0, client -> {
            OutputStream output = client.getOutputStream();
            output.write("220 flood.example ESMTP\r\n".getBytes(US_ASCII));
            output.flush();
            new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII)).readLine();
            byte[] lines = "250-more\r\n".repeat(6000).getBytes(US_ASCII);
            while (true) {
                output.write(lines);
            }
        });
        SmtpConnection connection = SmtpConnection.open("127.0.0.1", port, ONE_MINUTE);

        SmtpReply reply = failure(() -> connection.ehlo("client.example"));

        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhancedStatus()).contains("4.5.0");
        assertThat(connection.isReusable()).isFalse();
    }

    @Test
    void aServerThatStopsReadingTheContentTimesOut() throws Exception {
        // a small receive window, so that the client's writes block after a few MB at most
        int port = serve(4096, client -> converse(client, false, true));
        SmtpConnection connection = SmtpConnection.open("127.0.0.1", port, ONE_SECOND);
        connection.ehlo("client.example");
        byte[] chunk = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd\r\n".repeat(1024).getBytes(US_ASCII);
        MailAddress recipient = new MailAddress("known@example.com");

        SmtpReply reply = failure(() -> connection.send(MaybeSender.nullSender(), List.of(recipient), 16 << 20, output -> {
            for (int i = 0; i < 256; i++) {
                output.write(chunk);
            }
        }));

        assertThat(reply.code()).isEqualTo(421);
        assertThat(reply.toString()).contains("timeout", "127.0.0.1:" + port);
        assertThat(connection.isReusable()).isFalse();
    }

    /** What {@code step} is refused with, within {@link #LIMIT}: a regression fails the test instead of hanging it. */
    private static SmtpReply failure(ThrowingCallable step) {
        SmtpException thrown = assertTimeoutPreemptively(LIMIT, () -> catchThrowableOfType(step, SmtpException.class));
        assertThat(thrown).as("the step's failure").isNotNull();
        return thrown.reply();
    }

    /** A server on 127.0.0.1 for one connection. */
    private int serve(int receiveBuffer, Conversation conversation) throws IOException {
        ServerSocket listener = new ServerSocket();
        listeners.add(listener);
        if (receiveBuffer > 0) {
            listener.setReceiveBufferSize(receiveBuffer);
        }
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        servers.submit(() -> {
            try (Socket client = listener.accept()) {
                conversation.run(client);
            }
            return null;
        });
        return listener.getLocalPort();
    }

    /**
     * A well-behaved server, or with {@code stallAfterData} one that stops reading after its 354. It answers STARTTLS,
     * but drips its side of the handshake.
     */
    private void converse(Socket client, boolean pipelining, boolean stallAfterData) throws IOException, InterruptedException {
        BufferedReader input = new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII));
        OutputStream output = client.getOutputStream();
        reply(output, "220 test.example ESMTP");
        for (String line; (line = input.readLine()) != null; ) {
            commands.add(line);
            switch (line.split(" ")[0].toUpperCase(Locale.ROOT)) {
                case "EHLO":
                    reply(output, pipelining ? "250-test.example\r\n250-PIPELINING\r\n250 SIZE" : "250-test.example\r\n250 SIZE");
                    break;
                case "MAIL":
                    reply(output, "250 2.1.0 ok");
                    break;
                case "RCPT":
                    reply(output, line.contains("nobody@") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
                    break;
                case "DATA":
                    reply(output, "354 go ahead");
                    if (stallAfterData) {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    for (String data; !(data = input.readLine()).equals("."); ) {
                        content.add(data);
                    }
                    reply(output, "250 2.0.0 queued");
                    break;
                case "STARTTLS":
                    reply(output, "220 2.0.0 go ahead");
                    // a 256-byte handshake record holding a ServerHello, whose body never quite comes
                    drip(output, new byte[] {0x16, 0x03, 0x03, 0x01, 0x00, 0x02, 0x00, 0x00, (byte) 0xfc, 0x03, 0x03});
                    return;
                case "RSET":
                    reply(output, "250 2.0.0 ok");
                    break;
                case "QUIT":
                    reply(output, "221 2.0.0 bye");
                    return;
                default:
                    reply(output, "502 5.5.2 unknown command");
            }
        }
    }

    /** {@code start}, then filler, one byte every 300 ms (well within any read timeout of the tests) until closed. */
    private static void drip(OutputStream output, byte[] start) throws IOException, InterruptedException {
        for (int i = 0; true; i++) {
            output.write(i < start.length ? start[i] : 'x');
            output.flush();
            Thread.sleep(300);
        }
    }

    private static void reply(OutputStream output, String reply) throws IOException {
        output.write((reply + "\r\n").getBytes(US_ASCII));
        output.flush();
    }
}
