package org.mxsuite.route.mailet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.trace.ArrivalTrace;
import org.mxsuite.trace.MemoryTraceStore;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceQuery;

class TraceAcceptedTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void eachRecipientOfAnAcceptedMailIsTracedUnderItsDomainAndTheMailGoesOn() throws Exception {
        MemoryTraceStore store = new MemoryTraceStore();
        TraceAccepted mailet = new TraceAccepted(new ArrivalTrace(event -> store.add(List.of(event)), new MutableClock(NOW)));
        FakeMail mail = FakeMail.builder().name("mail-1").sender("Alice@Sender.example").recipients("bob@backup.example", "carol@other.example")
            .remoteAddr("192.0.2.7").size(1234)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("Message-ID", "<m1@sender.example>").setText("body"))
            .build();

        mailet.service(mail);

        List<TraceEvent> events = store.search(TraceQuery.builder().build());
        assertThat(events).extracting(event -> event.domain() + " " + event.recipient().get())
            .containsExactlyInAnyOrder("backup.example bob@backup.example", "other.example carol@other.example");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(TraceOutcome.ACCEPTED);
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.sender()).isEqualTo("alice@sender.example");
            assertThat(event.client()).hasValue("192.0.2.7");
            assertThat(event.size()).hasValue(1234L);
            assertThat(event.messageId()).isEqualTo(Optional.of("<m1@sender.example>"));
        });
        assertThat(mail.getState()).isNull();
        assertThat(mail.getRecipients()).hasSize(2);
    }
}
