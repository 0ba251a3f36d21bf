package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.InvalidSettingException;

class RelayAccountNameTest {
    @Test
    void aPlainUserNameInLowerCase() {
        assertThat(RelayAccountName.of(" Acme-Shop.1 ").asString()).isEqualTo("acme-shop.1");
    }

    @Test
    void anEmailAddressIsRefusedSayingWhy() {
        assertThatThrownBy(() -> RelayAccountName.of("alice@a.example"))
            .isInstanceOf(InvalidSettingException.class).hasMessageContaining("e-mail address");
    }

    @Test
    void otherShapesAreRefused() {
        for (String bad : new String[] {"", "-acme", "acme.", "a b", "a/b", "x".repeat(65)}) {
            assertThatThrownBy(() -> RelayAccountName.of(bad)).as(bad).isInstanceOf(InvalidSettingException.class);
        }
    }
}
