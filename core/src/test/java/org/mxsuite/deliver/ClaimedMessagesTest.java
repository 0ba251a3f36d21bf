package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;

class ClaimedMessagesTest {
    private final ClaimedMessages claimed = new ClaimedMessages();

    @Test
    void aBatchIsCurrentFromItsClaimUntilItIsDoneWith() {
        List<HeldMessage> first = batch(2);
        List<HeldMessage> second = batch(1);

        assertThat(claimed.add(first)).isSameAs(first);
        claimed.add(second);
        assertThat(claimed.current()).containsExactlyInAnyOrder(first.get(0).id(), first.get(1).id(), second.get(0).id());

        claimed.remove(first);
        assertThat(claimed.current()).containsExactly(second.get(0).id());
        claimed.remove(second);
        assertThat(claimed.current()).isEmpty();
    }

    private static List<HeldMessage> batch(int size) {
        return IntStream.range(0, size)
            .mapToObj(i -> new HeldMessage(HeldMessageId.next(Clock.systemUTC()), DomainName.of("example.com"),
                MaybeSender.nullSender(), 1, Instant.now(), false, List.of()))
            .collect(Collectors.toList());
    }
}
