package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void theRightPasswordMatchesAndNoOtherDoes() {
        PasswordHash hash = PasswordHash.of("correct horse");

        assertThat(hash.matches("correct horse")).isTrue();
        assertThat(hash.matches("correct hors")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.matches(null)).isFalse();
    }

    @Test
    void theStoredFormIsSaltedAndNeverHoldsThePassword() {
        PasswordHash first = PasswordHash.of("secret");
        PasswordHash second = PasswordHash.of("secret");

        assertThat(first.encoded()).startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$").doesNotContain("secret");
        assertThat(first.encoded()).isNotEqualTo(second.encoded());
        assertThat(PasswordHash.parse(first.encoded()).matches("secret")).isTrue();
        assertThat(first.toString()).doesNotContain(first.encoded().substring(20));
    }

    @Test
    void aHashKeepsItsOwnIterationCount() {
        PasswordHash cheap = PasswordHash.of("secret", 1000);

        assertThat(PasswordHash.parse(cheap.encoded()).matches("secret")).isTrue();
    }

    @Test
    void somethingElseIsNoHash() {
        assertThatThrownBy(() -> PasswordHash.parse("secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("md5$1$a$b")).isInstanceOf(IllegalArgumentException.class);
    }
}
