package org.mxsuite.route.mailet.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.MemoryHostedDomainStore;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.route.TargetDelivery;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.testing.RecordingBouncer;
import org.mxsuite.testing.UnstartedDeliveryEngine;
import org.mxsuite.trace.ArrivalTrace;
import org.mxsuite.trace.MemoryTraceStore;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceQuery;

/**
 * The way from a mailet into the hold queue, in memory: hosted domains, the queue and the {@link TargetDelivery} the
 * mailets hand mail to (its engine is never started, so what is held stays there to be looked at).
 */
public final class HoldingRoute {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HostedDomainStore domains = new MemoryHostedDomainStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final MemoryTraceStore trace = new MemoryTraceStore();
    private final TargetDelivery delivery = new TargetDelivery(domains, queue, new QueueUsageCache(queue, clock),
        UnstartedDeliveryEngine.on(queue, domains, new RecordingBouncer(), clock), new ArrivalTrace(event -> trace.add(List.of(event)), clock));

    public Clock clock() {
        return clock;
    }

    public HostedDomainStore domains() {
        return domains;
    }

    public HoldQueue queue() {
        return queue;
    }

    public TargetDelivery delivery() {
        return delivery;
    }

    /** The trace of what was held, newest first. */
    public List<TraceEvent> traced() {
        return trace.search(TraceQuery.builder().build());
    }

    /** What the domain holds, oldest first. */
    public List<HeldMessage> held(String domain) {
        return queue.list(DomainName.of(domain), 0, 100);
    }

    /** The recipients of what the domain holds, as text. */
    public List<String> heldRecipients(String domain) {
        return held(domain).stream().flatMap(message -> message.recipients().stream())
            .map(recipient -> recipient.address().asString()).collect(Collectors.toList());
    }

    public String content(HeldMessage message) throws IOException {
        return queue.readContent(message.id(), in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
}
