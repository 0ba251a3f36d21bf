package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.Outcome;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceRecorder;

/**
 * The delivery engine's steps as trace events, one per recipient of a held message: each attempt (where it went, over
 * TLS or not, what the destination replied), returns to the sender, administrators' drops and expiries.
 */
final class DeliveryTrace {
    static final DeliveryTrace OFF = new DeliveryTrace(TraceRecorder.OFF, Clock.systemUTC());

    private final TraceRecorder recorder;
    private final Clock clock;

    DeliveryTrace(TraceRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /** A transaction's outcomes, recipient by recipient. */
    void attempt(HeldMessage message, SmtpConnection connection, List<Outcome> outcomes) {
        Instant now = clock.instant();
        for (Outcome outcome : outcomes) {
            recorder.record(of(message, outcomeOf(outcome), now, outcome.recipient().asString())
                .host(connection.peerName()).address(connection.remoteAddress()).tls(connection.isEncrypted())
                .reply(outcome.reply()).build());
        }
    }

    /** An attempt that reached no server, or whose connection broke: every recipient deferred with the reply. */
    void deferred(HeldMessage message, SmtpReply reply, Optional<SmtpConnection> connection) {
        Instant now = clock.instant();
        for (HeldRecipient recipient : message.recipients()) {
            TraceEvent.Builder event = of(message, TraceOutcome.DEFERRED, now, recipient.address().asString()).reply(reply.toString());
            connection.ifPresent(open -> event.host(open.peerName()).address(open.remoteAddress()).tls(open.isEncrypted()));
            recorder.record(event.build());
        }
    }

    /** Every recipient of the message at once: dropped, expired. */
    void ofEveryRecipient(HeldMessage message, TraceOutcome outcome, String reason) {
        Instant now = clock.instant();
        for (HeldRecipient recipient : message.recipients()) {
            recorder.record(of(message, outcome, now, recipient.address().asString()).reply(reason).build());
        }
    }

    /** The bouncer, recording each return it sends. */
    Bouncer returns(Bouncer bouncer) {
        return new Bouncer() {
            @Override
            public void bounce(HeldMessage message, List<RecipientStatus> recipients) throws Exception {
                bouncer.bounce(message, recipients);
                Instant now = clock.instant();
                for (RecipientStatus recipient : recipients) {
                    recorder.record(of(message, TraceOutcome.RETURNED, now, recipient.recipient().asString())
                        .reply(recipient.reply().orElse(recipient.status())).build());
                }
            }

            @Override
            public void warnDelay(HeldMessage message, List<RecipientStatus> recipients) throws Exception {
                bouncer.warnDelay(message, recipients);
            }
        };
    }

    private static TraceEvent.Builder of(HeldMessage message, TraceOutcome outcome, Instant at, String recipient) {
        return TraceEvent.builder(outcome, at, message.domain().asString())
            .sender(message.sender().asString(""))
            .recipient(recipient)
            .heldId(message.id().asString());
    }

    private static TraceOutcome outcomeOf(Outcome outcome) {
        switch (outcome.kind()) {
            case DELIVERED:
                return TraceOutcome.DELIVERED;
            case FAILED:
                return TraceOutcome.FAILED;
            default:
                return TraceOutcome.DEFERRED;
        }
    }
}
