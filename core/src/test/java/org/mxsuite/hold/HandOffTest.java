package org.mxsuite.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;

class HandOffTest {
    private static final MaybeSender SENDER = MaybeSender.of(HoldQueueContract.address("s@sender.example"));
    private static final List<MailAddress> RECIPIENTS = List.of(HoldQueueContract.address("a@example.com"),
        HoldQueueContract.address("b@example.com"));

    @Test
    void thePartOfAMailThatAMatcherSplitOffIsTheSameHandOffAtEveryProcessing() {
        // James names the split part after the mail with a random suffix, different when the spool hands it over again
        HandOff first = HandOff.of("Mail1733-4f2a-!1234567", SENDER, RECIPIENTS);
        HandOff again = HandOff.of("Mail1733-4f2a-!7654321", SENDER, RECIPIENTS);
        HandOff splitTwice = HandOff.of("Mail1733-4f2a-!1111111-!2222222", SENDER, RECIPIENTS);

        assertThat(again).isEqualTo(first);
        assertThat(splitTwice).isEqualTo(first);
        assertThat(HandOff.of("Mail1733-4f2a", SENDER, RECIPIENTS)).isEqualTo(first);
    }

    @Test
    void recipientsInAnotherOrderAreTheSameHandOff() {
        assertThat(HandOff.of("Mail1", SENDER, List.of(RECIPIENTS.get(1), RECIPIENTS.get(0))))
            .isEqualTo(HandOff.of("Mail1", SENDER, RECIPIENTS));
    }

    @Test
    void anotherSenderOrOtherRecipientsOfOneMailAreAnotherHandOff() {
        // one mail held for a backup domain and forwarded with an SRS sender to the same domain
        HandOff held = HandOff.of("Mail1", SENDER, RECIPIENTS);

        assertThat(HandOff.of("Mail1", MaybeSender.of(HoldQueueContract.address("SRS0=x=y=sender.example=s@fwd.example")), RECIPIENTS))
            .isNotEqualTo(held);
        assertThat(HandOff.of("Mail1", SENDER, RECIPIENTS.subList(0, 1))).isNotEqualTo(held);
        assertThat(HandOff.of("Mail2", SENDER, RECIPIENTS)).isNotEqualTo(held);
    }

    @Test
    void aVeryLongNameFitsTheColumn() {
        HandOff handOff = HandOff.of("M".repeat(5000), SENDER, RECIPIENTS);

        assertThat(handOff.key()).hasSizeLessThanOrEqualTo(200);
        assertThat(handOff).isNotEqualTo(HandOff.of("M".repeat(4999), SENDER, RECIPIENTS));
    }
}
