package org.mxsuite.deliver;

import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.TlsPolicy;

/**
 * Opens a connection to a destination ready for mail: greeting, loop check, EHLO, STARTTLS as the domain's
 * {@code tls} setting says. Delivery and the REST probe both use it, so that the probe reports what a delivery would
 * meet. With {@code opportunistic}, a server that refuses STARTTLS gets the mail in plain text, and so does one whose
 * TLS handshake fails, over a new connection (RFC 7435; Postfix's {@code may} level does the same); with
 * {@code required}, either is a temporary failure.
 */
final class Handshake {
    /** Receives every step and what the server said (the probe's report; a delivery keeps nothing). */
    @FunctionalInterface
    interface Steps {
        Steps NONE = (command, reply, ok, latency) -> { };

        void add(String command, String reply, boolean ok, Duration latency);
    }

    private final LocalIdentity self;
    private final SSLSocketFactory tlsFactory;

    Handshake(LocalIdentity self, SSLSocketFactory tlsFactory) {
        this.self = self;
        this.tlsFactory = tlsFactory;
    }

    SmtpConnection open(Destination destination, TlsPolicy tls, Timeouts timeouts, Steps steps) throws SmtpException {
        long start = System.nanoTime();
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(destination.unbracketedHost(), destination.port(), timeouts);
        } catch (SmtpException e) {
            steps.add("connect " + destination, e.reply().toString(), false, since(start));
            throw e;
        }
        steps.add("connect " + destination, connection.greeting().toString(), true, since(start));
        try {
            String greeting = connection.greeting().lines().isEmpty() ? "" : connection.greeting().lines().get(0);
            if (self.greetingIsOurs(greeting)) {
                throw failure(steps, "greeting", SmtpReply.local(451, "4.4.6", "mail for " + destination + " loops back to myself"));
            }
            ehlo(connection, steps);
            if (tls == TlsPolicy.OFF) {
                return connection;
            }
            if (!connection.supports("STARTTLS")) {
                if (tls == TlsPolicy.REQUIRED) {
                    throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", destination + " does not offer STARTTLS, which this domain requires"));
                }
                return connection;
            }
            return startTls(connection, destination, tls, timeouts, steps);
        } catch (SmtpException e) {
            connection.close();
            throw e;
        }
    }

    private SmtpConnection startTls(SmtpConnection connection, Destination destination, TlsPolicy tls, Timeouts timeouts,
                                    Steps steps) throws SmtpException {
        long start = System.nanoTime();
        SmtpReply started;
        try {
            started = connection.startTls(tlsFactory);
        } catch (SmtpException handshakeFailed) {
            if (tls == TlsPolicy.REQUIRED) {
                throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", "TLS with " + destination + " failed: " + handshakeFailed.reply()));
            }
            steps.add("STARTTLS", handshakeFailed.reply() + " (tls is opportunistic: again without TLS)", true, since(start));
            return open(destination, TlsPolicy.OFF, timeouts, steps);
        }
        if (started.code() == 220) {
            steps.add("STARTTLS", started.toString(), true, since(start));
            ehlo(connection, steps);
        } else if (tls == TlsPolicy.REQUIRED) {
            throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", "STARTTLS refused by " + destination + ": " + started));
        } else {
            steps.add("STARTTLS", started + " (tls is opportunistic: the mail goes without TLS)", true, since(start));
        }
        return connection;
    }

    private void ehlo(SmtpConnection connection, Steps steps) throws SmtpException {
        long start = System.nanoTime();
        SmtpReply ehlo = connection.ehlo(self.heloName());
        steps.add("EHLO " + self.heloName(), ehlo.toString(), ehlo.isPositive(), since(start));
        if (!ehlo.isPositive()) {
            throw new SmtpException(ehlo);
        }
    }

    private static SmtpException failure(Steps steps, String step, SmtpReply reply) {
        steps.add(step, reply.toString(), false, Duration.ZERO);
        return new SmtpException(reply);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
