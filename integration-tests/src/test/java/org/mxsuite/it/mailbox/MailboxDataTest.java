package org.mxsuite.it.mailbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.Users.putUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.event.EventFactory;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.it.support.ImapSession;
import org.mxsuite.it.support.JamesDataProbe;
import org.mxsuite.it.support.MxSuiteServer;
import org.mxsuite.it.support.Smtp;
import org.mxsuite.it.support.TrustAllTls;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James's mailbox data on the suite's data layer (James's JPA product on Derby, as {@code ./mxsuite start} runs it),
 * through real IMAP, POP3, SMTP and WebAdmin clients: search, deletion, and the input it must refuse.
 */
class MailboxDataTest {
    private static final String DOMAIN = "data.example";
    private static final Pattern SUBJECT = Pattern.compile("Subject: ([^\\r\\n]*)");
    private static final Pattern REFUSED = Pattern.compile("T\\d+ (NO|BAD) .*\\s*", Pattern.DOTALL);
    private static final String PASSWORD = "alice-secret";
    private static int users;
    /** A user of its own per test: James keeps a deleted user's mailboxes. */
    private static String alice;

    /** IMAP's APPEND limit, 50 MiB as shipped, lowered so that the test sends less. */
    private static final int APPEND_LIMIT = 1024 * 1024;

    /** Changes waiting for the search index, 5000 as shipped: at 1, every delivery here waits for the index. */
    private static final int INDEX_BACKLOG = 1;

    @RegisterExtension
    static MxSuiteServer server = new MxSuiteServer(java.util.Map.of("mxsuite.imap.literalsizelimit", String.valueOf(APPEND_LIMIT),
        "mxsuite.search.backlog", String.valueOf(INDEX_BACKLOG)));

    @BeforeEach
    void setUp() {
        putDomain(DOMAIN, "{\"service\":\"mailbox\"}");
        alice = "alice" + (++users) + "@" + DOMAIN;
        putUser(alice, PASSWORD);
    }

    @AfterEach
    void tearDown() {
        given().delete("/users/" + alice);
        given().delete("/hosted-domains/" + DOMAIN);
    }

    @Test
    void imapSearchFindsMessagesBySubjectSenderBodyAndDate() throws Exception {
        deliver("carol@x.example", "Invoice 42", "payment due on friday");
        deliver("dave@y.example", "Lunch", "pizza or sushi?");
        deliver("carol@x.example", "Re: Lunch", "meet at the zebra crossing");
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            awaitMessages(imap, 3);
            imap.append("INBOX", "\\Seen", "01-Jan-2020 10:00:00 +0000",
                message("erin@z.example", "Old news", "from long ago").getBytes(StandardCharsets.UTF_8));
            imap.command("SELECT INBOX");

            assertThat(search(imap, "SUBJECT lunch")).containsExactlyInAnyOrder("Lunch", "Re: Lunch");
            assertThat(search(imap, "FROM carol@x.example")).containsExactlyInAnyOrder("Invoice 42", "Re: Lunch");
            assertThat(search(imap, "BODY zebra")).containsExactly("Re: Lunch");
            assertThat(search(imap, "SINCE 1-Jan-2021")).containsExactlyInAnyOrder("Invoice 42", "Lunch", "Re: Lunch");
            assertThat(search(imap, "BEFORE 1-Jan-2021")).containsExactly("Old news");
            assertThat(search(imap, "SUBJECT nothing-like-this")).isEmpty();
        }
    }

    @Test
    void pop3DeleThenQuitRemovesTheMessageForGood() throws Exception {
        deliver("carol@x.example", "First", "one");
        deliver("carol@x.example", "Second", "two");
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            awaitMessages(imap, 2);
        }

        POP3SClient pop3 = pop3();
        String kept = subjectOf(pop3, 2);
        assertThat(pop3.deleteMessage(1)).isTrue();
        assertThat(pop3.logout()).as("QUIT commits the deletion").isTrue();
        pop3.disconnect();

        assertThat(pop3Count()).isEqualTo(1);
        server.restart();
        RestAssured.port = server.webAdminPort();
        assertThat(pop3Count()).as("after a restart").isEqualTo(1);
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            assertThat(imap.command("SELECT INBOX")).contains("* 1 EXISTS");
            assertThat(imap.command("FETCH 1 BODY[HEADER.FIELDS (SUBJECT)]")).contains("Subject: " + kept);
        }
    }

    @Test
    void aUserOfADomainThatIsNotHostedIsRefused() {
        given().contentType(ContentType.JSON).body("{\"password\":\"secret\"}").put("/users/mallory@not-hosted.example")
            .then().statusCode(400);

        given().get("/users").then().statusCode(200).body("username", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("mallory@not-hosted.example")));
    }

    @Test
    void aTenThousandCharacterPasswordIsRefusedAndTheOldOneKept() throws Exception {
        given().contentType(ContentType.JSON).body("{\"password\":\"" + "p".repeat(10_000) + "\"}").put("/users/" + alice + "?force")
            .then().statusCode(400)
            .body("message", org.hamcrest.Matchers.containsString("password"));
        given().contentType(ContentType.JSON).body("{\"password\":\"" + "p".repeat(10_000) + "\"}").put("/users/new@" + DOMAIN)
            .then().statusCode(400);

        given().head("/users/new@" + DOMAIN).then().statusCode(404);
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            assertThat(imap.tagged()).startsWith("T1 OK");
        }
    }

    @Test
    void mailboxNamesThatAreNotValidAreRefused() throws Exception {
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            for (String name : new String[] {"\"a..b\"", "\"a/b\"", "\"../escape\"", "\"&Jjo\"", "\"caf&AOk\""}) {
                imap.exchange("CREATE " + name);
                assertThat(imap.tagged()).as("CREATE %s", name).matches(REFUSED);
            }
            imap.command("CREATE \"Projects\"");
            imap.exchange("RENAME \"Projects\" \"a/b\"");
            assertThat(imap.tagged()).as("RENAME to a/b").matches(REFUSED);

            String list = imap.command("LIST \"\" \"*\"");
            assertThat(list).contains("\"Projects\"").doesNotContain("a/b", "a..b", "escape", "&Jjo", "caf");
        }
    }

    /** After a crash the index rebuild and the delivery of recovered mail may both index one message. */
    @Test
    void aMessageIndexedTwiceIsFoundOnce() throws Exception {
        deliver("carol@x.example", "Indexed twice", "found once");
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            awaitMessages(imap, 1);
            JamesDataProbe james = server.probe(JamesDataProbe.class);
            MailboxSession session = james.mailboxes().createSystemSession(Username.of(alice));
            Mailbox inbox = inbox(james, session);
            MailboxMessage message = firstMessage(james, session, inbox);

            james.searchIndex().add(session, inbox, message).block();
            james.searchIndex().add(session, inbox, message).block();

            imap.command("SELECT INBOX");
            assertThat(imap.command("SEARCH SUBJECT \"Indexed twice\"")).contains("* SEARCH 1\r\n");
            assertThat(imap.command("SEARCH BODY found")).contains("* SEARCH 1\r\n");
        }
    }

    /**
     * What SELECT counts can be fetched: a client that selects the INBOX while mail is being delivered and fetches the
     * newest message it was told of gets it, never a BAD. With reads of uncommitted rows (Derby's read-uncommitted,
     * shipped before), SELECT counted a message whose delivery had not committed yet and the FETCH was refused.
     */
    @Test
    void everyMessageSelectCountsCanBeFetchedWhileMailArrives() throws Exception {
        int messages = 60;
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int sender = 0; sender < 4; sender++) {
            int first = sender * messages / 4;
            sent.add(senders.submit(() -> {
                for (int number = first; number < first + messages / 4; number++) {
                    deliver("carol@x.example", "Arriving " + number, "body " + number);
                }
                return null;
            }));
        }
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            int counted = 0;
            int fetches = 0;
            while (counted < messages) {
                assertThat(Instant.now()).as("%d of %d messages counted", counted, messages).isBefore(deadline);
                Matcher exists = Pattern.compile("\\* (\\d+) EXISTS").matcher(imap.command("SELECT INBOX"));
                assertThat(exists.find()).isTrue();
                int now = Integer.parseInt(exists.group(1));
                assertThat(now).as("EXISTS never goes down without an expunge").isGreaterThanOrEqualTo(counted);
                counted = now;
                if (counted > 0) {
                    String fetched = imap.exchange("FETCH " + counted + " (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
                    assertThat(imap.tagged()).as("FETCH %d after SELECT counted %d: %s", counted, counted, fetched).contains("OK");
                    assertThat(fetched).as("FETCH %d after SELECT counted %d", counted, counted).contains("* " + counted + " FETCH", "Subject: Arriving");
                    fetches++;
                }
            }
            assertThat(fetches).isGreaterThan(0);
        } finally {
            senders.shutdown();
        }
        for (Future<?> each : sent) {
            each.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The index reads what it indexes on its own thread. It once read new messages through James's reactive mappers,
     * on Reactor's boundedElastic workers, where deliveries that wait for room in the index's backlog wait too: under
     * load (bench/mailbox-delivery.sh, at 8334 of 10,000 messages) every worker was such a delivery, the read never
     * ran, and delivery stopped for good. Here every worker is busy while the index is handed a change twice: the
     * second hand-over waits for room (a backlog of 1), so it returns only once the index has taken the first.
     */
    @Test
    void theIndexTakesChangesWhileEveryReactorWorkerIsBusy() throws Exception {
        deliver("carol@x.example", "Busy workers", "indexed all the same");
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            awaitMessages(imap, 1);
        }
        JamesDataProbe james = server.probe(JamesDataProbe.class);
        MailboxSession session = james.mailboxes().createSystemSession(Username.of(alice));
        Mailbox inbox = inbox(james, session);
        MailboxMessage message = firstMessage(james, session, inbox);
        Event added = EventFactory.added().randomEventId().mailboxSession(session).mailbox(inbox)
            .addMetaData(message.metaData()).isDelivery(true).build();

        CountDownLatch release = new CountDownLatch(1);
        ExecutorService handing = Executors.newFixedThreadPool(INDEX_BACKLOG + 1);
        try {
            // every worker gets at least one task that blocks it: what is queued behind waits for the release
            for (int task = 0; task < 3 * Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE; task++) {
                Mono.fromRunnable(() -> awaitQuietly(release)).subscribeOn(Schedulers.boundedElastic()).subscribe();
            }
            List<Future<?>> handedOver = new ArrayList<>();
            for (int change = 0; change <= INDEX_BACKLOG; change++) {
                handedOver.add(handing.submit(() -> james.searchIndex().reactiveEvent(added).block()));
            }
            for (Future<?> handOver : handedOver) {
                handOver.get(20, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            handing.shutdown();
        }
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            imap.command("SELECT INBOX");
            assertThat(imap.command("SEARCH BODY same")).contains("* SEARCH 1\r\n");
        }
    }

    private static Mailbox inbox(JamesDataProbe james, MailboxSession session) {
        return james.mappers().getMailboxMapper(session).findMailboxByPath(MailboxPath.inbox(session)).block();
    }

    private static MailboxMessage firstMessage(JamesDataProbe james, MailboxSession session, Mailbox mailbox) throws Exception {
        return james.mappers().getMessageMapper(session).findInMailbox(mailbox, MessageRange.all(), MessageMapper.FetchType.FULL, 1).next();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The index learns of changes on a thread of its own, and without \Recent: a SEARCH right after a change still
     * sees it, and RECENT is the searching session's own.
     */
    @Test
    void searchSeesWhatWasStoredJustBeforeAndRecentIsPerSession() throws Exception {
        deliver("carol@x.example", "Old one", "seen before");
        try (ImapSession first = ImapSession.login(server.imapsPort(), alice, PASSWORD);
             ImapSession second = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            awaitMessages(first, 1);
            first.command("CLOSE");
            for (int i = 1; i <= 20; i++) {
                second.append("INBOX", "", message("dave@y.example", "Fresh " + i, "word" + i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(first.command("SELECT INBOX")).contains("* 21 EXISTS", "* 20 RECENT");
            assertThat(first.command("SEARCH SUBJECT Fresh")).contains("* SEARCH " + numbers(2, 21) + "\r\n");
            assertThat(first.command("SEARCH BODY word20")).contains("* SEARCH 21\r\n");
            assertThat(first.command("SEARCH RECENT")).contains("* SEARCH " + numbers(2, 21) + "\r\n");
            assertThat(first.command("SEARCH NOT RECENT")).contains("* SEARCH 1\r\n");

            assertThat(second.command("SELECT INBOX")).contains("* 21 EXISTS", "* 0 RECENT");
            assertThat(second.command("SEARCH RECENT")).contains("* SEARCH\r\n");
            assertThat(second.command("SEARCH NOT RECENT")).contains("* SEARCH " + numbers(1, 21) + "\r\n");
            // one change of 20 messages' flags, which the index applies message by message
            second.command("STORE 2:21 +FLAGS.SILENT (\\Flagged)");
            assertThat(second.command("SEARCH UNFLAGGED")).contains("* SEARCH 1\r\n");
            assertThat(second.command("SEARCH FLAGGED")).contains("* SEARCH " + numbers(2, 21) + "\r\n");
        }
    }

    /** Quota limits are read again only every few seconds (RecentQuotaLimits): one set over WebAdmin applies at once. */
    @Test
    void aQuotaLimitSetOverWebAdminAppliesAtOnce() throws Exception {
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            byte[] message = message("carol@x.example", "Counted", "one").getBytes(StandardCharsets.UTF_8);
            given().body("1").put("/quota/users/" + alice + "/count").then().statusCode(204);
            assertThat(imap.append("INBOX", "", message)).as("the first message").contains(" OK ");
            assertThat(imap.append("INBOX", "", message)).as("past the limit of 1").matches(REFUSED).contains("OVERQUOTA");

            given().body("3").put("/quota/users/" + alice + "/count").then().statusCode(204);
            assertThat(imap.append("INBOX", "", message)).as("under the raised limit").contains(" OK ");
            given().delete("/quota/users/" + alice + "/count").then().statusCode(204);
            for (int i = 0; i < 3; i++) {
                assertThat(imap.append("INBOX", "", message)).as("without a limit").contains(" OK ");
            }
            assertThat(imap.command("SELECT INBOX")).contains("* 5 EXISTS");
        }
    }

    private static String numbers(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(" "));
    }

    @Test
    void anAppendLargerThanTheSizeLimitIsRefusedAndStoresNothing() throws Exception {
        byte[] large = message("carol@x.example", "Too large", "0123456789abcdef0123456789abcdef0123456789abcdef\r\n".repeat(APPEND_LIMIT / 50 + 10))
            .getBytes(StandardCharsets.UTF_8);
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            // James 3.8.1 invites the literal ("+ Ok") before it checks its size, then answers NO and closes the
            // connection; when the client is still sending, that close resets the connection and the answer is lost
            String answer;
            try {
                answer = imap.append("INBOX", "", large);
            } catch (IOException closedBeforeTheAnswerArrived) {
                answer = "T0 NO the connection was closed: " + closedBeforeTheAnswerArrived.getMessage();
            }
            assertThat(answer).as("the APPEND's answer").matches(REFUSED);
        }
        try (ImapSession imap = ImapSession.login(server.imapsPort(), alice, PASSWORD)) {
            assertThat(imap.command("SELECT INBOX")).contains("* 0 EXISTS");
        }
    }

    /** The subjects of the messages a SEARCH finds (delivery is concurrent: their order in the mailbox varies). */
    private static List<String> search(ImapSession imap, String criteria) throws Exception {
        String answer = imap.command("SEARCH " + criteria);
        String found = answer.lines().filter(line -> line.startsWith("* SEARCH")).findFirst()
            .orElseThrow().substring("* SEARCH".length()).trim();
        List<String> subjects = new ArrayList<>();
        for (String number : found.isEmpty() ? new String[0] : found.split(" ")) {
            String fetched = imap.command("FETCH " + number + " BODY.PEEK[HEADER.FIELDS (SUBJECT)]");
            Matcher subject = SUBJECT.matcher(fetched);
            assertThat(subject.find()).as("SEARCH %s answered %s; FETCH %s answered %s", criteria, answer, number, fetched).isTrue();
            subjects.add(subject.group(1));
        }
        return subjects;
    }

    private static void deliver(String from, String subject, String body) throws Exception {
        Smtp sent = Smtp.send(server.smtpInboundPort(), from, message(from, subject, body), alice);
        assertThat(sent.accepted()).as("%s", sent).isTrue();
    }

    private static String message(String from, String subject, String body) {
        return "From: <" + from + ">\r\nTo: <" + alice + ">\r\nSubject: " + subject + "\r\n"
            + "Date: Thu, 3 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@test>\r\n\r\n" + body + "\r\n";
    }

    /** Selects the INBOX until it counts {@code count} messages (delivery is asynchronous after the 250). */
    private static void awaitMessages(ImapSession imap, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!imap.command("SELECT INBOX").contains("* " + count + " EXISTS")) {
            assertThat(Instant.now()).as("%d messages in the INBOX", count).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static POP3SClient pop3() throws Exception {
        POP3SClient pop3 = new POP3SClient(true, TrustAllTls.context());
        pop3.connect("127.0.0.1", server.pop3sPort());
        assertThat(pop3.login(alice, PASSWORD)).as("POP3 login: %s", pop3.getReplyString()).isTrue();
        return pop3;
    }

    private static String subjectOf(POP3SClient pop3, int message) throws Exception {
        try (java.io.BufferedReader header = new java.io.BufferedReader(pop3.retrieveMessageTop(message, 0))) {
            return header.lines().filter(line -> line.startsWith("Subject: ")).findFirst().orElseThrow().substring("Subject: ".length());
        }
    }

    private static int pop3Count() throws Exception {
        POP3SClient pop3 = pop3();
        try {
            POP3MessageInfo status = pop3.status();
            return status.number;
        } finally {
            pop3.logout();
            pop3.disconnect();
        }
    }
}
