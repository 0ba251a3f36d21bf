package org.mxsuite.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The trace in memory, for tests and single-node experiments: lost at restart. */
public final class MemoryTraceStore implements TraceStore {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void add(List<TraceEvent> added) {
        events.addAll(added);
    }

    @Override
    public synchronized List<TraceEvent> search(TraceQuery query) {
        Predicate<TraceEvent> ofMessage = ofMessage(query);
        List<TraceEvent> newestFirst = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            TraceEvent event = events.get(i);
            if (query.matchesFields(event) && ofMessage.test(event)) {
                newestFirst.add(event);
            }
        }
        // stable: events of one time stay newest-added first
        newestFirst.sort(Comparator.comparing(TraceEvent::at).reversed());
        return newestFirst.stream().skip(query.offset()).limit(query.limit()).collect(Collectors.toList());
    }

    private Predicate<TraceEvent> ofMessage(TraceQuery query) {
        if (query.messageId().isEmpty()) {
            return event -> true;
        }
        String messageId = query.messageId().get();
        Set<String> heldIds = events.stream()
            .filter(event -> event.messageId().filter(messageId::equals).isPresent())
            .flatMap(event -> event.heldId().stream())
            .collect(Collectors.toSet());
        return event -> event.messageId().filter(messageId::equals).isPresent()
            || event.heldId().filter(heldIds::contains).isPresent();
    }

    @Override
    public synchronized int removeBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(event -> event.at().isBefore(cutoff));
        return before - events.size();
    }
}
