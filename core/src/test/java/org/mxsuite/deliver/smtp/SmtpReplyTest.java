package org.mxsuite.deliver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {
    @Test
    void readsTheEnhancedStatus() {
        SmtpReply reply = new SmtpReply(550, List.of("5.1.1 <bob@example.com>: no such user"));

        assertThat(reply.enhancedStatus()).contains("5.1.1");
        assertThat(reply.isPermanent()).isTrue();
        assertThat(reply).hasToString("550 5.1.1 <bob@example.com>: no such user");
    }

    @Test
    void multiLineRepliesPrintOnOneLine() {
        SmtpReply reply = new SmtpReply(250, List.of("mx.example.com", "PIPELINING", "SIZE 1000"));

        assertThat(reply).hasToString("250 mx.example.com PIPELINING SIZE 1000");
        assertThat(reply.enhancedStatus()).isEmpty();
        assertThat(reply.isPositive()).isTrue();
    }

    @Test
    void classesFollowTheFirstDigit() {
        assertThat(new SmtpReply(421, List.of("bye")).isTransient()).isTrue();
        assertThat(new SmtpReply(354, List.of("go on")).isPositive()).isTrue();
    }
}
