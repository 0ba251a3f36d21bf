package org.mxsuite.deliver.smtp;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opportunistic TLS (RFC 7435): encrypt whenever the server offers it, without authenticating its certificate,
 * as MTAs do on port 25 unless DANE or MTA-STS say otherwise. Never use it where a peer must be authenticated.
 */
public final class OpportunisticTls {
    private OpportunisticTls() {
    }

    public static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JRE", e);
        }
    }

    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a server-side trust decision is never made with this manager
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // unauthenticated encryption: any certificate will do
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
