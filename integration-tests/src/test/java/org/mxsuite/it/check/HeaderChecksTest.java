package org.mxsuite.it.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.MxSuiteServer;

/** Message sanity at the end of DATA on the in-process server: each bad case refused with 550 5.6.0, the good one taken. */
class HeaderChecksTest {
    private static final String DOMAIN = "customer.test";
    private static final String GOOD = "From: Alice <alice@sender.test>\r\n"
        + "To: bob@customer.test\r\n"
        + "Subject: sane\r\n"
        + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <sane@sender.test>\r\n"
        + "\r\n"
        + "Hello\r\n";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of("mxsuite.checks.headerchecks.enabled", "true"));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\"}");
    }

    private static String dataReply(String content) throws IOException {
        return ClientSession.message("127.0.0.1", server.smtpInboundPort(), "alice@sender.test", content, "bob@" + DOMAIN).dataReply();
    }

    @Test
    void aSaneMessageIsAccepted() throws Exception {
        assertThat(dataReply(GOOD)).startsWith("250");
    }

    @Test
    void twoFromHeadersAreRefused() throws Exception {
        assertThat(dataReply(GOOD.replace("To:", "From: mallory@evil.test\r\nTo:")))
            .isEqualTo("550 5.6.0 Message rejected: message has 2 From: headers");
    }

    @Test
    void aMissingDateIsRefused() throws Exception {
        assertThat(dataReply(GOOD.replace("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n", "")))
            .isEqualTo("550 5.6.0 Message rejected: message has no Date: header");
    }

    @Test
    void aMalformedHeaderLineIsRefused() throws Exception {
        assertThat(dataReply(GOOD.replace("Subject:", "not a header line\r\nSubject:")))
            .isEqualTo("550 5.6.0 Message rejected: malformed header line: not a header line");
    }

    @Test
    void anInvalidFromIsRefused() throws Exception {
        assertThat(dataReply(GOOD.replace("Alice <alice@sender.test>", "Alice <alice@@sender.test>")))
            .isEqualTo("550 5.6.0 Message rejected: From: header is not a valid address: Alice <alice@@sender.test>");
    }

    @Test
    void aDomainWithTheCheckSwitchedOffTakesTheMessage() throws Exception {
        putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:1\",\"headerChecks\":false}");

        assertThat(dataReply(GOOD.replace("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n", ""))).startsWith("250");
    }

    /** Written byte for byte: a client library would turn the bare LF into CRLF. */
    @Test
    void aBareLfIsNeverAccepted() throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.smtpInboundPort())) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            StringBuilder replies = new StringBuilder(read(in));
            for (String command : new String[] {"HELO client.test", "MAIL FROM:<alice@sender.test>", "RCPT TO:<bob@" + DOMAIN + ">", "DATA"}) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                replies.append(read(in));
            }
            out.write(GOOD.replace("Subject: sane\r\n", "Subject: sane\n").concat(".\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String end = read(in);
            assertThat(replies.toString()).contains("354");
            assertThat(end).doesNotStartWith("250");
        }
    }

    /** One reply, all its lines (or what came before the connection closed: also no acceptance). */
    private static String read(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            line.append((char) c);
            if (c == '\n') {
                reply.append(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    break;
                }
                line.setLength(0);
            }
        }
        return reply.append(line).toString();
    }
}
