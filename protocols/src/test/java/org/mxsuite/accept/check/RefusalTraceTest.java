package org.mxsuite.accept.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.testing.Addresses.address;
import static org.mxsuite.testing.Addresses.sender;

import java.time.Instant;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.RecordedTrace;

class RefusalTraceTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final HookResult GREYLISTED = HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode("450").smtpDescription("4.7.1 greylisted, try again later").build();

    private final RecordedTrace recorded = new RecordedTrace();
    private final RefusalTrace trace = new RefusalTrace(recorded, new MutableClock(NOW));
    private final FakeSmtpSession client = FakeSmtpSession.from("192.0.2.7");

    @Test
    void aRefusedRecipientIsTracedUnderItsDomainWithTheReplyAndTheResultIsUnchanged() {
        trace.doMail(client, sender("Alice@Sender.example"));
        trace.doRcpt(client, sender("alice@sender.example"), address("bob@backup.example"));

        assertThat(trace.onHookResult(client, GREYLISTED, 3, null)).isSameAs(GREYLISTED);

        assertThat(recorded.newestFirst()).singleElement().satisfies(event -> {
            assertThat(event.outcome().asString()).isEqualTo("refused");
            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.domain()).isEqualTo("backup.example");
            assertThat(event.recipient()).hasValue("bob@backup.example");
            assertThat(event.sender()).isEqualTo("alice@sender.example");
            assertThat(event.client()).hasValue("192.0.2.7");
            assertThat(event.reply()).isEqualTo("450 4.7.1 greylisted, try again later");
        });
    }

    @Test
    void whatLetsTheMailOnIsNotTraced() {
        trace.doMail(client, sender("alice@sender.example"));
        trace.doRcpt(client, sender("alice@sender.example"), address("bob@backup.example"));

        trace.onHookResult(client, HookResult.DECLINED, 1, null);
        trace.onHookResult(client, HookResult.OK, 1, null);

        assertThat(recorded.newestFirst()).isEmpty();
    }

    @Test
    void aRefusalAtTheEndOfDataIsTracedForEveryRecipient() throws Exception {
        trace.doMail(client, sender("alice@sender.example"));
        trace.doRcpt(client, sender("alice@sender.example"), address("carol@other.example"));
        trace.onMessage(client, MailImpl.builder().name("m").addRecipients(address("bob@backup.example"), address("carol@other.example")).build());

        trace.onHookResult(client, HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("554")
            .smtpDescription("5.7.1 virus found").build(), 1, null);

        assertThat(recorded.newestFirst()).extracting(event -> event.recipient().get() + " " + event.reply())
            .containsExactlyInAnyOrder("bob@backup.example 554 5.7.1 virus found", "carol@other.example 554 5.7.1 virus found");
    }

    @Test
    void aRefusalBeforeAnyRecipientHasNoDomainAndJamesDefaultReplyIsNamed() {
        trace.onHookResult(client, HookResult.DENY, 1, null);

        assertThat(recorded.newestFirst()).singleElement().satisfies(event -> {
            assertThat(event.domain()).isEmpty();
            assertThat(event.recipient()).isEmpty();
            assertThat(event.reply()).startsWith("554");
        });
    }
}
