package org.mxsuite.relay;

import java.util.Optional;

/** How a relay account's login went: accepted (with the account), refused, or not checked for want of a free check. */
public final class RelayLogin {
    private static final RelayLogin REFUSED = new RelayLogin(null, false);
    private static final RelayLogin BUSY = new RelayLogin(null, true);

    private final RelayAccount account;
    private final boolean busy;

    private RelayLogin(RelayAccount account, boolean busy) {
        this.account = account;
        this.busy = busy;
    }

    static RelayLogin accepted(RelayAccount account) {
        return new RelayLogin(account, false);
    }

    static RelayLogin refused() {
        return REFUSED;
    }

    static RelayLogin notChecked() {
        return BUSY;
    }

    /** The account, when the password was right. */
    public Optional<RelayAccount> account() {
        return Optional.ofNullable(account);
    }

    /** Too many password checks were running: nothing was checked, nothing is to be counted. */
    public boolean isBusy() {
        return busy;
    }
}
