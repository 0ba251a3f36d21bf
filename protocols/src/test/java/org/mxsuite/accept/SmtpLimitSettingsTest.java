package org.mxsuite.accept;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.junit.jupiter.api.Test;

/** The SMTP limits come from mxsuite.properties unless a handler's parameters in smtpserver.xml give them. */
class SmtpLimitSettingsTest {
    @Test
    void theRecipientLimitIsTheSettingUnlessAParameterGivesItAndIsAtLeast100() throws Exception {
        assertThatThrownBy(() -> new MaxRecipientsRcptHook(99).init(new BaseHierarchicalConfiguration()))
            .hasMessageContaining("at least 100");

        BaseHierarchicalConfiguration parameters = new BaseHierarchicalConfiguration();
        parameters.addProperty("maxRecipients", 150);
        assertThatCode(() -> new MaxRecipientsRcptHook(99).init(parameters)).doesNotThrowAnyException();
    }

    @Test
    void aNegativeConnectionLimitIsRefused() {
        assertThatThrownBy(() -> new SmtpConnectionLimits(-1, 50).init(new BaseHierarchicalConfiguration()))
            .hasMessageContaining("maxConnections");
        assertThatCode(() -> new SmtpConnectionLimits(0, 0).init(new BaseHierarchicalConfiguration())).doesNotThrowAnyException();
    }
}
