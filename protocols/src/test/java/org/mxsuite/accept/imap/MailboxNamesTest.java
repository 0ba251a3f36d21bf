package org.mxsuite.accept.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxNamesTest {
    @Test
    void ordinaryNamesAndSubfoldersAreAccepted() {
        assertThat(MailboxNames.refusal("Projects")).isEmpty();
        assertThat(MailboxNames.refusal("Projects.2026 Q4")).isEmpty();
        assertThat(MailboxNames.refusal("Café")).isEmpty();
    }

    @Test
    void aSlashIsRefused() {
        assertThat(MailboxNames.refusal("a/b")).hasValueSatisfying(reason -> assertThat(reason).contains("'/'"));
        assertThat(MailboxNames.refusal("../escape")).isPresent();
    }

    @Test
    void whatJamesDecodedFromMalformedModifiedUtf7IsRefused() {
        assertThat(MailboxNames.refusal("caf\uFFFD")).hasValueSatisfying(reason -> assertThat(reason).contains("UTF-7"));
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(MailboxNames.refusal("a\rb")).isPresent();
        assertThat(MailboxNames.refusal("a\u0000b")).isPresent();
        assertThat(MailboxNames.refusal("a\u007fb")).isPresent();
    }
}
