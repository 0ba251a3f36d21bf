package org.mxsuite.it.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.mxsuite.it.support.ImapSession;
import org.mxsuite.it.support.LaunchedServer;
import org.mxsuite.it.support.MailClients;
import org.mxsuite.it.support.Smtp;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * {@code ./mxsuite start} keeps James's own data (users, passwords, domains, folders, flags, aliases, sieve scripts,
 * messages) across a clean stop and start and across {@code kill -9}: the embedded server runs James's JPA data
 * layer on Derby files under its home. On James's memory product every check after the restart failed.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedServer.LOCK)
class DurableMailboxTest {
    private static final String DOMAIN = "shop.example";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "alice-secret";
    private static final String SIEVE = "require \"fileinto\";\r\nif header :contains \"subject\" \"[list]\" {\r\n  fileinto \"Lists\";\r\n}\r\n";
    private static final Pattern SUBJECT = Pattern.compile("Subject: ([^\\r\\n]*)");

    private LaunchedServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new LaunchedServer().start();
        webAdmin().contentType(ContentType.JSON).body("{\"service\":\"mailbox\"}").put("/hosted-domains/" + DOMAIN).then().statusCode(204);
        webAdmin().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}").put("/users/" + ALICE).then().statusCode(204);
        webAdmin().contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}").put("/users/" + BOB).then().statusCode(204);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /**
     * One server's life, three starts (each costs a JVM and James's boot): what James keeps survives a clean stop and
     * a kill -9, and mail acknowledged just before the kill is in the mailbox exactly once.
     */
    @Test
    void jamesDataSurvivesACleanRestartAndAKillNineAndMailAcknowledgedJustBeforeTheKillIsStoredOnce() throws Exception {
        webAdmin().put("/address/aliases/" + ALICE + "/sources/sales@" + DOMAIN).then().statusCode(204);
        webAdmin().body(SIEVE).put("/sieve/" + ALICE + "/scripts/lists?activate=true").then().statusCode(204);
        deliver(ALICE, "Hello");
        try (ImapSession imap = ImapSession.login(server.port("IMAPS"), ALICE, PASSWORD)) {
            awaitSubjects(imap, "INBOX", "Hello");
            imap.command("CREATE Projects");
            imap.command("STORE 1 +FLAGS (\\Seen)");
        }
        everythingIsThere("before any restart");

        assertThat(server.stop(Duration.ofSeconds(60))).as("stopped on SIGTERM").isTrue();
        server.start();
        everythingIsThere("after a clean restart");

        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            subjects.add("acknowledged " + i);
            deliver(BOB, subjects.get(i));
        }
        // no wait after the last 250: the last messages are in the spool, or being delivered, at the kill
        assertThat(server.kill()).as("died of SIGKILL").isEqualTo(137);
        server.start();
        everythingIsThere("after kill -9");

        try (ImapSession imap = ImapSession.login(server.port("IMAPS"), BOB, PASSWORD)) {
            Map<String, Long> inbox = awaitSubjects(imap, "INBOX", subjects.toArray(new String[0]));
            Thread.sleep(1000);
            inbox = subjectCounts(imap, "INBOX");
            assertThat(inbox.keySet()).containsExactlyInAnyOrderElementsOf(subjects);
            assertThat(inbox.values()).as("each message once").allMatch(count -> count == 1);
            // what was stored in the seconds before the kill, after the index's last commit, is found again once
            // the index is rebuilt (SearchIndexKeeper)
            awaitSearch(imap, "SUBJECT acknowledged", "* SEARCH " + java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(String::valueOf).collect(Collectors.joining(" ")), "after kill -9");
        }
    }

    /** Every kind of James data made at the first start, read back with the clients a user has. */
    private void everythingIsThere(String when) throws Exception {
        webAdmin().get("/users").then().statusCode(200).body("username", hasItem(ALICE));
        webAdmin().get("/domains/" + DOMAIN).then().statusCode(204);
        webAdmin().get("/hosted-domains/" + DOMAIN).then().statusCode(200).body("service", equalTo("mailbox"));
        webAdmin().get("/address/aliases/" + ALICE).then().statusCode(200).body("source", hasItem("sales@" + DOMAIN));
        try (ImapSession imap = ImapSession.login(server.port("IMAPS"), ALICE, PASSWORD)) {
            assertThat(imap.command("LIST \"\" \"*\"")).as(when).contains("Projects");
            // a fresh SELECT until message 1 can be fetched: James 3.8.1 on the JPA layer has once answered a FETCH
            // right after SELECT without the message (noted for an issue of its own)
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            String fetched = "";
            while (!fetched.contains("Subject: Hello") && Instant.now().isBefore(deadline)) {
                imap.command("SELECT INBOX");
                fetched = imap.exchange("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
                if (!fetched.contains("Subject: Hello")) {
                    Thread.sleep(100);
                }
            }
            assertThat(fetched).as(when).contains("\\Seen", "Subject: Hello");
            // the search index: committed at a clean stop, rebuilt in the background after kill -9
            awaitSearch(imap, "SUBJECT Hello", "* SEARCH 1", when);

            // the alias and the sieve script still act on new mail
            deliver("sales@" + DOMAIN, "To sales " + when);
            deliver(ALICE, "[list] digest " + when);
            awaitSubjects(imap, "INBOX", "To sales " + when);
            awaitSubjects(imap, "Lists", "[list] digest " + when);
        }
    }

    private static void awaitSearch(ImapSession imap, String criteria, String expected, String when) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String found = imap.command("SEARCH " + criteria);
        while (!found.contains(expected + "\r\n") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            found = imap.command("SEARCH " + criteria);
        }
        assertThat(found).as("SEARCH %s %s", criteria, when).contains(expected + "\r\n");
    }

    private void deliver(String recipient, String subject) throws Exception {
        Smtp sent = Smtp.send(server.smtpPort(), "carol@elsewhere.example",
            Smtp.message("carol@elsewhere.example", recipient, subject, "body of " + subject), recipient);
        assertThat(sent.accepted()).as("%s", sent).isTrue();
    }

    /** Waits until the mailbox holds every one of these subjects; returns the subjects it holds and how often. */
    private static Map<String, Long> awaitSubjects(ImapSession imap, String mailbox, String... subjects) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, Long> found = Map.of();
        while (Instant.now().isBefore(deadline)) {
            if (!imap.exchange("SELECT \"" + mailbox + "\"").isEmpty() && imap.taggedOk()) {
                found = subjectCounts(imap, mailbox);
                if (found.keySet().containsAll(List.of(subjects))) {
                    return found;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(mailbox + " lacks some of " + List.of(subjects) + "; it holds " + found);
    }

    private static Map<String, Long> subjectCounts(ImapSession imap, String mailbox) throws Exception {
        String selected = imap.command("SELECT \"" + mailbox + "\"");
        if (selected.contains("* 0 EXISTS")) {
            return Map.of();
        }
        // the session may count a new message before it can fetch it (MailClients.imapFirstMessage): then ask again
        String fetched = imap.exchange("FETCH 1:* BODY.PEEK[HEADER.FIELDS (SUBJECT)]");
        if (!imap.taggedOk()) {
            return Map.of();
        }
        Matcher subjects = SUBJECT.matcher(fetched);
        List<String> all = new ArrayList<>();
        while (subjects.find()) {
            all.add(subjects.group(1));
        }
        return all.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private RequestSpecification webAdmin() {
        return server.webAdmin();
    }
}
