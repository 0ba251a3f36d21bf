package org.mxsuite.it.support;

import javax.net.ssl.SSLContext;

import org.mxsuite.deliver.smtp.OpportunisticTls;

/** The test clients' TLS: the servers' keystores are self-signed, and the tests check the protocol, not the chain. */
public final class TrustAllTls {
    private TrustAllTls() {
    }

    public static SSLContext context() {
        return OpportunisticTls.context();
    }
}
