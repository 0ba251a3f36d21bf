package org.mxsuite.panel.web;

import javax.inject.Inject;

import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.greylist.Greylist;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayQuota;

/** The core services only the operator's pages use, injected together (the server's provider has enough parameters). */
final class OperatorServices {
    final RelayAccountStore relayAccounts;
    final RelayQuota relayQuota;
    final LocalBlocklist blocklist;
    final Greylist greylist;

    @Inject
    OperatorServices(RelayAccountStore relayAccounts, RelayQuota relayQuota, LocalBlocklist blocklist, Greylist greylist) {
        this.relayAccounts = relayAccounts;
        this.relayQuota = relayQuota;
        this.blocklist = blocklist;
        this.greylist = greylist;
    }
}
