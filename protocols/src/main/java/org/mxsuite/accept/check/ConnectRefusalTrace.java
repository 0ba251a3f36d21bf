package org.mxsuite.accept.check;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceRecorder;

/**
 * Records in the delivery trace a connection refused before any command (a banned address, too many connections),
 * with the reply: James hands every connect handler's response to the result handlers. Refusals of commands are
 * {@link RefusalTrace}'s, which sees them with their envelope; this one looks at connect handlers only. Such a
 * refusal has no domain yet.
 */
public class ConnectRefusalTrace implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    private final TraceRecorder recorder;
    private final Clock clock;

    @Inject
    public ConnectRefusalTrace(TraceRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (handler instanceof ConnectHandler && response != null && refusal(response.getRetCode())) {
            Optional<String> client = Optional.ofNullable(session.getRemoteAddress()).map(address -> address.getAddress().getHostAddress());
            recorder.record(TraceEvent.builder(TraceOutcome.REFUSED, clock.instant(), "").client(client).reply(replyOf(response)).build());
        }
        return response;
    }

    private static boolean refusal(String code) {
        return code != null && (code.startsWith("4") || code.startsWith("5"));
    }

    private static String replyOf(Response response) {
        List<CharSequence> lines = response.getLines();
        String first = lines.isEmpty() ? "" : lines.get(0).toString();
        return first.startsWith(response.getRetCode()) ? first : (response.getRetCode() + " " + first).trim();
    }
}
