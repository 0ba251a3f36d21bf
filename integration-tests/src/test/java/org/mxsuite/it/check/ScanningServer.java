package org.mxsuite.it.check;

import java.util.Map;

import org.mxsuite.it.support.ClientSession;
import org.mxsuite.it.support.CustomerSmtpServer;
import org.mxsuite.it.support.Delivered;
import org.mxsuite.it.support.HostedDomains;
import org.mxsuite.it.support.MxSuiteServer;

/**
 * The scanning tests' setting: the in-process server with a scan switched on and pointed at a daemon the test
 * started, and a relay domain {@value #DOMAIN} whose customer's server records what the suite delivers.
 */
final class ScanningServer implements AutoCloseable {
    static final String DOMAIN = "customer.test";

    private final MxSuiteServer server;
    private final CustomerSmtpServer customer;

    private ScanningServer(MxSuiteServer server, CustomerSmtpServer customer) {
        this.server = server;
        this.customer = customer;
    }

    /** Started with these james-conf/ placeholders set (the scan's switch and its daemon's address). */
    static ScanningServer start(Map<String, String> properties) throws Exception {
        CustomerSmtpServer customer = new CustomerSmtpServer().start();
        MxSuiteServer server = new MxSuiteServer(properties);
        server.beforeAll(null);
        return new ScanningServer(server, customer);
    }

    /** {@value #DOMAIN} relayed to the customer's server, with these more fields (e.g. {@code ,"spamScan":false}). */
    void putDomain(String moreFields) {
        HostedDomains.putDomain(DOMAIN, "{\"service\":\"relay\",\"destination\":\"127.0.0.1:" + customer.port() + "\"" + moreFields + "}");
    }

    /** The reply to the end of DATA of one message from alice@sender.test to bob@{@value #DOMAIN}. */
    String dataReply(String content) throws Exception {
        return ClientSession.message("127.0.0.1", server.smtpInboundPort(), "alice@sender.test", content, "bob@" + DOMAIN).dataReply();
    }

    /** The message with this Subject as the customer's server received it. */
    String delivered(String subject) throws InterruptedException {
        return Delivered.withSubject(customer, subject);
    }

    @Override
    public void close() throws Exception {
        server.afterAll(null);
        customer.close();
    }
}
