package org.mxsuite.embedded.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.junit.jupiter.api.Test;

class LuceneMailboxIndexTest {
    @Test
    void aChangeOfRecentAloneIsNotIndexed() {
        assertThat(LuceneMailboxIndex.withoutRecent(List.of(change(1, flags(Flags.Flag.RECENT), flags())))).isEmpty();
    }

    @Test
    void otherChangesAreIndexedWithoutRecent() {
        List<UpdatedFlags> indexed = LuceneMailboxIndex.withoutRecent(List.of(
            change(1, flags(Flags.Flag.RECENT), flags(Flags.Flag.SEEN)),
            change(2, flags(Flags.Flag.RECENT), flags()),
            change(3, flags(), flags(Flags.Flag.FLAGGED, Flags.Flag.RECENT))));

        assertThat(indexed).extracting(UpdatedFlags::getUid).containsExactly(MessageUid.of(1), MessageUid.of(3));
        assertThat(indexed).allSatisfy(change -> {
            assertThat(change.getNewFlags().contains(Flags.Flag.RECENT)).isFalse();
            assertThat(change.getOldFlags().contains(Flags.Flag.RECENT)).isFalse();
        });
        assertThat(indexed.get(0).getNewFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(indexed.get(1).getNewFlags().contains(Flags.Flag.FLAGGED)).isTrue();
    }

    private static UpdatedFlags change(long uid, Flags before, Flags after) {
        return UpdatedFlags.builder().uid(MessageUid.of(uid)).modSeq(ModSeq.of(uid)).oldFlags(before).newFlags(after).build();
    }

    private static Flags flags(Flags.Flag... flags) {
        Flags result = new Flags();
        for (Flags.Flag flag : flags) {
            result.add(flag);
        }
        return result;
    }
}
