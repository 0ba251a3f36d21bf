package org.mxsuite.accept.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.RecordedTrace;

class ConnectRefusalTraceTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final ConnectHandler<SMTPSession> CONNECT = session -> null;

    private final RecordedTrace recorded = new RecordedTrace();
    private final ConnectRefusalTrace trace = new ConnectRefusalTrace(recorded, new MutableClock(NOW));
    private final FakeSmtpSession client = FakeSmtpSession.from("192.0.2.9");

    @Test
    void aConnectionRefusedAtConnectIsTracedWithItsReply() {
        SMTPResponse banned = new SMTPResponse("554", "5.7.1 banned after failed logins");

        assertThat(trace.onResponse(client, banned, 1, CONNECT)).isSameAs(banned);

        assertThat(recorded.newestFirst()).singleElement().satisfies(event -> {
            assertThat(event.outcome().asString()).isEqualTo("refused");
            assertThat(event.client()).hasValue("192.0.2.9");
            assertThat(event.domain()).isEmpty();
            assertThat(event.reply()).isEqualTo("554 5.7.1 banned after failed logins");
        });
    }

    @Test
    void theGreetingAndTheRepliesToCommandsAreNotItsToTrace() {
        trace.onResponse(client, new SMTPResponse("220", "mx.example ESMTP"), 1, CONNECT);
        ProtocolHandler hook = new RcptHook() { };
        trace.onResponse(client, new SMTPResponse("550", "5.1.1 unknown"), 1, hook);

        assertThat(recorded.newestFirst()).isEmpty();
    }
}
