package org.mxsuite.it.accept;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.ensureUser;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Timing;

import io.restassured.http.ContentType;

/**
 * Account probing with real SMTP, IMAP and POP3 clients on loopback addresses (127.0.0.2, ... are distinct clients):
 * guesses at one user name spread over many addresses, how long a refusal of a relay login takes for names that exist
 * and for names that do not (mailbox users' refusals, about a millisecond, are compared in {@link org.mxsuite.it.mailbox.MailboxPasswordCostTest}),
 * and relay accounts' password checks at once. 127.0.0.1 is exempt from bans here, so that the timing
 * tests can try as often as they need; plaintext logins are allowed (no TLS in the way of the measure).
 */
@Isolated(Timing.REASON)
class LoginProbingTest {
    private static final String DOMAIN = "probing.example";
    private static final String USER = "erin@" + DOMAIN;
    private static final String PASSWORD = "erin-secret";
    private static final String ACCOUNT = "acme";
    private static final String ACCOUNT_PASSWORD = "a long secret";

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(Map.of(
        "mxsuite.auth.requiretls", "false",
        "mxsuite.ban.exempt", "127.0.0.1",
        "mxsuite.ban.maxfailuresperuser", "3",
        "mxsuite.relay.maxconcurrentpasswordchecks", "1"));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        ensureUser(USER, PASSWORD);
        given().contentType(ContentType.JSON)
            .body("{\"password\":\"" + ACCOUNT_PASSWORD + "\",\"domains\":[\"acme.example\"]}").put("/relay-accounts/" + ACCOUNT);
    }

    @AfterEach
    void liftSuspensions() {
        given().delete("/bans/users/" + USER);
        given().delete("/bans/users/" + ACCOUNT);
    }

    @Test
    void guessesAtOneNameFromManyAddressesAndProtocolsSuspendLoginsAsThatName() throws Exception {
        assertThat(smtpAuth("127.0.0.2", USER, "guess-1")).startsWith("535");
        assertThat(imapLogin("127.0.0.3", USER, "guess-2")).contains("NO");
        assertThat(pop3Login("127.0.0.4", USER, "guess-3")).startsWith("-ERR");
        assertThat(smtpAuth("127.0.0.5", USER, "guess-4")).as("the fourth failure, over the limit of 3").startsWith("535");

        assertThat(smtpAuth("127.0.0.6", USER, PASSWORD))
            .matches("454 4\\.7\\.0 logins as erin@probing\\.example are suspended after too many failed attempts; try again after .*\\s*");
        assertThat(imapLogin("127.0.0.6", USER, PASSWORD)).contains("NO").contains("logins as erin@probing.example are suspended");
        assertThat(pop3Login("127.0.0.6", USER, PASSWORD)).startsWith("-ERR logins as erin@probing.example are suspended");
        assertThat(smtpAuth("127.0.0.1", USER, PASSWORD)).as("from an exempt address").startsWith("235");
        assertThat(given().get("/bans").jsonPath().getList("user")).contains(USER);
        assertThat(given().get("/bans/users/" + USER).jsonPath().getString("reason")).contains("4 failed logins as this user within 1h");

        given().delete("/bans/users/" + USER).then().statusCode(204);
        assertThat(smtpAuth("127.0.0.6", USER, PASSWORD)).startsWith("235");
        assertThat(given().get("/bans/127.0.0.2").statusCode()).as("each address failed once only").isEqualTo(404);
    }

    @Test
    void aRelayLoginIsRefusedAsSlowlyWhetherTheAccountExistsOrNot() throws Exception {
        smtpAuth("127.0.0.1", ACCOUNT, "warm-up");
        long known = median(() -> smtpAuth("127.0.0.1", ACCOUNT, "wrong"));
        long unknown = median(() -> smtpAuth("127.0.0.1", "nobody", "wrong"));

        assertThat((double) unknown / known).as("unknown %d ms, known %d ms", unknown / 1_000_000, known / 1_000_000).isBetween(0.6, 1.7);
    }

    @Test
    void whileEveryPasswordCheckIsTakenRelayLoginsAreToldToComeBack() throws Exception {
        int clients = 8;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CyclicBarrier together = new CyclicBarrier(clients);
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                // each its own guess: the same credentials at once would wait for one check
                String guess = "wrong-" + i;
                Callable<String> login = () -> {
                    AuthenticatingSMTPClient smtp = connectedSmtp("127.0.0.1");
                    try {
                        together.await();
                        smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, ACCOUNT, guess);
                        return smtp.getReplyString().trim();
                    } finally {
                        smtp.disconnect();
                    }
                };
                replies.add(threads.submit(login));
            }
            List<String> all = new ArrayList<>();
            for (Future<String> reply : replies) {
                all.add(reply.get());
            }
            assertThat(all).allMatch(reply -> reply.startsWith("535") || reply.startsWith("454"));
            assertThat(all).as("one check at a time").anyMatch(reply -> reply.equals("454 4.7.0 Too many logins are being checked at once; try again later"));
            assertThat(all).anyMatch(reply -> reply.startsWith("535"));
        } finally {
            threads.shutdownNow();
        }
    }

    private interface Login {
        String run() throws Exception;
    }

    /** The median time of 7 refusals. */
    private static long median(Login login) throws Exception {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            String reply = login.run();
            times[i] = System.nanoTime() - start;
            assertThat(reply).startsWith("535");
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static AuthenticatingSMTPClient connectedSmtp(String from) throws Exception {
        AuthenticatingSMTPClient smtp = new AuthenticatingSMTPClient();
        smtp.setDefaultTimeout((int) Duration.ofSeconds(30).toMillis());
        smtp.connect(InetAddress.getByName("127.0.0.1"), server.smtpSubmissionPort(), InetAddress.getByName(from), 0);
        smtp.ehlo("client.test");
        return smtp;
    }

    /** AUTH PLAIN on the submission port from {@code from}; the reply to AUTH. */
    private static String smtpAuth(String from, String user, String password) throws Exception {
        AuthenticatingSMTPClient smtp = connectedSmtp(from);
        try {
            smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
            return smtp.getReplyString();
        } finally {
            smtp.disconnect();
        }
    }

    private static String imapLogin(String from, String user, String password) throws Exception {
        IMAPClient imap = new IMAPClient();
        imap.connect(InetAddress.getByName("127.0.0.1"), server.imapPort(), InetAddress.getByName(from), 0);
        try {
            imap.login(user, password);
            return imap.getReplyString();
        } finally {
            imap.disconnect();
        }
    }

    private static String pop3Login(String from, String user, String password) throws Exception {
        POP3Client pop3 = new POP3Client();
        pop3.connect(InetAddress.getByName("127.0.0.1"), server.pop3Port(), InetAddress.getByName(from), 0);
        try {
            pop3.login(user, password);
            return pop3.getReplyString();
        } finally {
            pop3.disconnect();
        }
    }
}
