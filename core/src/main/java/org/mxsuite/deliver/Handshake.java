package org.mxsuite.deliver;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.tls.PeerCheck;
import org.mxsuite.deliver.tls.TlsRequirement;

/**
 * Opens a connection to a destination ready for mail: greeting, loop check, EHLO, STARTTLS as the connection's
 * {@link TlsRequirement} says, and the server's certificate checked before anything else is sent. Delivery and the
 * REST probe both use it, so that the probe reports what a delivery would meet. When plain text is allowed
 * (opportunistic), a server that refuses STARTTLS gets the mail in plain text, and so does one whose TLS handshake
 * fails, over a new connection (RFC 7435; Postfix's {@code may} level does the same); otherwise either is a temporary
 * failure ({@code 451 4.7.5}), and so is a certificate that the requirement's check refuses: the mail is held, never
 * sent in clear.
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

    /** {@code tlsFactory} accepts any certificate: the requirement's check decides afterwards, with its own reasons. */
    Handshake(LocalIdentity self, SSLSocketFactory tlsFactory) {
        this.self = self;
        this.tlsFactory = tlsFactory;
    }

    SmtpConnection open(Candidate candidate, TlsRequirement tls, Timeouts timeouts, Steps steps) throws SmtpException {
        if (tls.level() == TlsRequirement.Level.REFUSED) {
            throw failure(steps, "connect " + candidate, SmtpReply.local(451, "4.7.5", "not connecting to " + candidate.host()
                + ": " + tls.refusal().orElse("refused") + " (" + tls.source() + ")"));
        }
        long start = System.nanoTime();
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(candidate.address().unbracketedHost(), candidate.address().port(), timeouts)
                .knownAs(candidate.host());
        } catch (SmtpException e) {
            steps.add("connect " + candidate, e.reply().toString(), false, since(start));
            throw e;
        }
        steps.add("connect " + candidate, connection.greeting().toString(), true, since(start));
        try {
            String greeting = connection.greeting().lines().isEmpty() ? "" : connection.greeting().lines().get(0);
            if (self.greetingIsOurs(greeting)) {
                throw failure(steps, "greeting", SmtpReply.local(451, "4.4.6", "mail for " + candidate + " loops back to myself"));
            }
            ehlo(connection, steps);
            if (tls.level() == TlsRequirement.Level.OFF) {
                return connection;
            }
            if (!connection.supports("STARTTLS")) {
                if (tls.allowsPlainText()) {
                    report(tls, candidate + " does not offer STARTTLS");
                    return connection;
                }
                throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", candidate + " does not offer STARTTLS, which "
                    + tls.source() + " requires"));
            }
            return startTls(connection, candidate, tls, timeouts, steps);
        } catch (SmtpException e) {
            connection.close();
            throw e;
        }
    }

    private SmtpConnection startTls(SmtpConnection connection, Candidate candidate, TlsRequirement tls, Timeouts timeouts,
                                    Steps steps) throws SmtpException {
        long start = System.nanoTime();
        SmtpReply started;
        try {
            started = connection.startTls(tlsFactory, tls.serverName());
        } catch (SmtpException handshakeFailed) {
            if (!tls.allowsPlainText()) {
                throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", "TLS with " + candidate + " failed: "
                    + handshakeFailed.reply() + " (" + tls.source() + ")"));
            }
            report(tls, "TLS with " + candidate + " failed: " + handshakeFailed.reply());
            steps.add("STARTTLS", handshakeFailed.reply() + " (" + tls + ": again without TLS)", true, since(start));
            return open(candidate, TlsRequirement.off(tls.source() + ", after a failed TLS handshake"), timeouts, steps);
        }
        if (started.code() != 220) {
            if (!tls.allowsPlainText()) {
                throw failure(steps, "STARTTLS", SmtpReply.local(451, "4.7.5", "STARTTLS refused by " + candidate + ": " + started
                    + " (" + tls.source() + ")"));
            }
            report(tls, "STARTTLS refused by " + candidate + ": " + started);
            steps.add("STARTTLS", started + " (" + tls + ": the mail goes without TLS)", true, since(start));
            return connection;
        }
        steps.add("STARTTLS", started.toString(), true, since(start));
        checkCertificate(connection, candidate, tls, steps);
        ehlo(connection, steps);
        return connection;
    }

    /** Before EHLO over TLS: nothing of the mail, not even our name again, goes to a server not authenticated. */
    private static void checkCertificate(SmtpConnection connection, Candidate candidate, TlsRequirement tls, Steps steps)
        throws SmtpException {
        if (tls.check().isEmpty()) {
            return;
        }
        PeerCheck check = tls.check().get();
        X509Certificate[] chain = connection.peerCertificates().orElse(new X509Certificate[0]);
        Optional<String> problem = check.problem(chain);
        if (problem.isEmpty()) {
            steps.add("certificate", "verified: " + check.describe() + " (" + tls.source() + ")", true, Duration.ZERO);
        } else if (tls.reportOnlyTo().isPresent()) {
            report(tls, candidate + ": " + problem.get());
            steps.add("certificate", "not verified, reported only: " + problem.get() + " (" + tls.source() + ")", true, Duration.ZERO);
        } else {
            throw failure(steps, "certificate", SmtpReply.local(451, "4.7.5", "TLS with " + candidate + " not authenticated: "
                + problem.get() + " (" + tls.source() + ")"));
        }
    }

    private static void report(TlsRequirement tls, String problem) {
        tls.reportOnlyTo().ifPresent(report -> report.accept(problem));
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
