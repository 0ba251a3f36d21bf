package org.mxsuite.accept.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MessageSanityTest {
    private static final String GOOD = "Received: from client.test by mx.test; Tue, 24 Nov 2026 10:00:00 +0000\r\n"
        + "From: Alice <alice@sender.test>\r\n"
        + "To: bob@customer.test\r\n"
        + "Subject: a folded\r\n\tsubject\r\n"
        + "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
        + "\r\n"
        + "Hello\r\n";

    private final MessageSanity all = new MessageSanity(EnumSet.allOf(HeaderRule.class));

    private static Optional<String> problem(MessageSanity sanity, String message) throws Exception {
        return sanity.firstProblem(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSaneMessagePasses() throws Exception {
        assertThat(problem(all, GOOD)).isEmpty();
    }

    @Test
    void noFromOrTwoFroms() throws Exception {
        assertThat(problem(all, GOOD.replace("From: Alice <alice@sender.test>\r\n", ""))).contains("message has no From: header");
        assertThat(problem(all, GOOD.replace("To:", "From: mallory@evil.test\r\nTo:"))).contains("message has 2 From: headers");
    }

    @Test
    void noDateOrTwoDates() throws Exception {
        assertThat(problem(all, GOOD.replace("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n", ""))).contains("message has no Date: header");
        assertThat(problem(all, GOOD.replace("To:", "DATE: Wed, 25 Nov 2026 10:00:00 +0000\r\nTo:"))).contains("message has 2 Date: headers");
    }

    @Test
    void aLineThatIsNoFieldIsMalformed() throws Exception {
        assertThat(problem(all, GOOD.replace("To:", "this is not a header\r\nTo:"))).contains("malformed header line: this is not a header");
        assertThat(problem(all, GOOD.replace("To:", "Bad Name: x\r\nTo:"))).contains("malformed header line: Bad Name: x");
    }

    @Test
    void aBareLfAnywhereIsRefused() throws Exception {
        assertThat(problem(all, GOOD.replace("To: bob@customer.test\r\n", "To: bob@customer.test\n"))).get().asString().contains("bare LF");
        assertThat(problem(all, GOOD + "second line\nthird\r\n")).get().asString().contains("bare LF");
    }

    @Test
    void anInvalidFromIsRefused() throws Exception {
        assertThat(problem(all, GOOD.replace("Alice <alice@sender.test>", "Alice <alice@>"))).get().asString().startsWith("From: header is not a valid address");
        assertThat(problem(all, GOOD.replace("Alice <alice@sender.test>", "just words"))).get().asString().startsWith("From: header is not a valid address");
        assertThat(problem(all, GOOD.replace("Alice <alice@sender.test>", "\"Doe, Jane\" <jane@sender.test>, bob@sender.test"))).isEmpty();
    }

    @Test
    void eachRuleCanBeSwitchedOff() throws Exception {
        MessageSanity noDate = new MessageSanity(EnumSet.complementOf(EnumSet.of(HeaderRule.ONE_DATE)));
        MessageSanity lenientLines = new MessageSanity(EnumSet.complementOf(EnumSet.of(HeaderRule.WELL_FORMED, HeaderRule.NO_BARE_LF)));

        assertThat(problem(noDate, GOOD.replace("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n", ""))).isEmpty();
        assertThat(problem(lenientLines, GOOD.replace("To:", "junk\nTo:"))).isEmpty();
        assertThat(new MessageSanity(EnumSet.noneOf(HeaderRule.class)).checksAnything()).isFalse();
    }
}
