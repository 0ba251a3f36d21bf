package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainNameTest {
    @Test
    void isCanonicalLowerCaseWithoutTrailingDot() {
        assertThat(DomainName.of("Mail.Example.COM.").asString()).isEqualTo("mail.example.com");
    }

    @Test
    void internationalNamesAreKeptInTheirAsciiForm() {
        assertThat(DomainName.of("bücher.example").asString()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "exa mple.com", "-example.com", "example-.com", "ex_ample.com",
        "example..com", "1.2.3.4", "user@example.com", "example.com:25", ".example.com", "example.com..", "example.c-",
        "b\u00fccher..example"})
    void rejectsWhatIsNotAFullyQualifiedHostName(String raw) {
        assertThatThrownBy(() -> DomainName.of(raw)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void rejectsLabelsLongerThan63() {
        assertThatThrownBy(() -> DomainName.of("a".repeat(64) + ".com")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void acceptsLabelsOf63AndNamesOf253() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, "b".repeat(61));

        assertThat(DomainName.of(label + ".com").asString()).isEqualTo(label + ".com");
        assertThat(DomainName.of(name).asString()).hasSize(253);
        assertThatThrownBy(() -> DomainName.of(name + "b")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void acceptsDigitsAndHyphensInsideLabelsAndANumericLabelBeforeTheLast() {
        assertThat(DomainName.of("1-2.3com.example").asString()).isEqualTo("1-2.3com.example");
        assertThat(DomainName.of("xn--bcher-kva.example").asString()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void subdomainsAreWithinTheirParent() {
        assertThat(DomainName.of("a.b.example.com").isWithin(DomainName.of("example.com"))).isTrue();
        assertThat(DomainName.of("badexample.com").isWithin(DomainName.of("example.com"))).isFalse();
    }
}
