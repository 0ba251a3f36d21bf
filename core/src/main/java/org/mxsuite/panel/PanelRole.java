package org.mxsuite.panel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.mxsuite.domain.InvalidSettingException;

/** What a control panel account may do. */
public enum PanelRole {
    /** Everything: every domain, owners, relay accounts, bans, blocklist, the health of every destination. */
    OPERATOR,
    /** Only the domains the account owns. */
    OWNER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PanelRole parse(String raw) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(raw)).findFirst()
            .orElseThrow(() -> new InvalidSettingException("unknown role '" + raw + "'; expected one of "
                + Arrays.stream(values()).map(PanelRole::wireName).collect(Collectors.joining(", "))));
    }
}
