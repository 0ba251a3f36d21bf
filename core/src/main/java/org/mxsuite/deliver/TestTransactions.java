package org.mxsuite.deliver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.domain.HostedDomain;

/**
 * Runs the REST test transaction against a domain's first destination: connect, EHLO, STARTTLS, MAIL, RCPT, RSET,
 * QUIT, timed, nothing sent. The connection is opened as a delivery opens it (loop check, the TLS requirement and its certificate check, each reported).
 */
final class TestTransactions {
    @FunctionalInterface
    private interface SmtpStep {
        SmtpReply run() throws SmtpException;
    }

    private final DestinationResolver resolver;
    private final DestinationConnector connector;

    TestTransactions(DestinationResolver resolver, DestinationConnector connector) {
        this.resolver = resolver;
        this.connector = connector;
    }

    TestTransaction run(HostedDomain domain) {
        List<Candidate> destinations;
        try {
            destinations = resolver.candidates(domain);
        } catch (NoDestinationException e) {
            TestTransaction report = new TestTransaction("none");
            report.add("resolve destination", Optional.of(e.reply().toString()), false, Duration.ZERO);
            return report;
        }
        Candidate destination = destinations.get(0);
        TestTransaction report = new TestTransaction(destination.address().asString());
        SmtpConnection connection;
        try {
            connection = connector.open(domain, destination, Timeouts.PROBE,
                (command, reply, ok, latency) -> report.add(command, Optional.of(reply), ok, latency));
        } catch (SmtpException e) {
            // a refusal is in the report already; a connection that broke (no reply at all) is not
            if (report.succeeded()) {
                report.add("connection", Optional.of(e.reply().toString()), false, Duration.ZERO);
            }
            return report;
        }
        try {
            step(report, "MAIL FROM:<>", () -> connection.command("MAIL FROM:<>"));
            String recipient = "postmaster@" + domain.name().asString();
            step(report, "RCPT TO:<" + recipient + ">", () -> connection.command("RCPT TO:<" + recipient + ">"));
            step(report, "RSET", connection::rset);
            step(report, "QUIT", () -> connection.command("QUIT"));
        } catch (SmtpException e) {
            report.add("connection", Optional.of(e.reply().toString()), false, Duration.ZERO);
        } finally {
            connection.close();
        }
        return report;
    }

    private static void step(TestTransaction report, String command, SmtpStep step) throws SmtpException {
        long start = System.nanoTime();
        SmtpReply reply = step.run();
        report.add(command, Optional.of(reply.toString()), reply.isPositive(), Handshake.since(start));
    }
}
