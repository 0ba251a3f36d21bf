package org.mxsuite.it.support;

import static org.mxsuite.it.support.HostedDomains.putDomain;
import static org.mxsuite.it.support.HostedDomains.removeAllDomains;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two real SMTP servers around a hosted domain, fresh for each test: the customer's, which the test makes
 * {@value #DOMAIN}'s destination and takes down and up, and the senders', to which {@value #SENDERS} is relayed so
 * that the DSNs sent to the senders can be seen arriving. Every hosted domain is removed after the test.
 */
public final class CustomerAndSenders implements BeforeEachCallback, AfterEachCallback {
    public static final String DOMAIN = "customer.example";
    public static final String SENDERS = "sender.example";

    private final MxSuiteServer server;
    private CustomerSmtpServer customer;
    private CustomerSmtpServer senders;

    public CustomerAndSenders(MxSuiteServer server) {
        this.server = server;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        customer = new CustomerSmtpServer().start();
        senders = new CustomerSmtpServer().start();
        putDomain(SENDERS, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + senders.port() + "\"}");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        customer.close();
        senders.close();
        removeAllDomains();
    }

    public CustomerSmtpServer customer() {
        return customer;
    }

    /** The customer's server is this one from now on (started, e.g. with STARTTLS); the one before is closed. */
    public void replaceCustomer(CustomerSmtpServer started) {
        customer.close();
        customer = started;
    }

    public CustomerSmtpServer senders() {
        return senders;
    }

    /** A message from alice of the senders to bob of the customer's domain. */
    public Smtp sendToBob(String subject) throws Exception {
        return Smtp.send(server.smtpInboundPort(), "alice@" + SENDERS, Smtp.message("alice@" + SENDERS, "bob@" + DOMAIN, subject, subject),
            "bob@" + DOMAIN);
    }
}
